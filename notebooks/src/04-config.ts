import { Lesson, code, codeWithFigures, md, quiz, t } from "./lesson";

/** What section 6 shows about \`use_diff\`, cited by its prose and checked against the output by the lesson tests. */
const USE_DIFF = { all_fields: 71, written_with_use_diff: 18, changed_from_bert_defaults: "num_hidden_layers" };

// Lesson 4: configs — the blueprint of a model.
export const lesson: Lesson = {
  name: "04-config",
  title: t("Lesson 4 — Config", "4강 — 설정(Config)"),
  cells: [
    md(
      `
      # Lesson 4 — Config

      A **config** is the blueprint of a model: how many layers, how wide each layer is, how many
      attention heads, how big the vocabulary is, what the labels are called. It is stored as
      \`config.json\` next to the weights, and it is everything needed to *build* the architecture —
      but it contains no weights.

      **In this lesson you will**
      - read the defaults of \`BertConfig\` and load configs with the exact class and with \`AutoConfig\`,
      - find the config inside a loaded model,
      - change a config (fewer layers, other sizes) and see what random initialisation means,
      - name the labels of a classifier with \`id2label\`,
      - save a config and load it back.
      `,
      `
      # 4강 — 설정(Config)

      **config**는 모델의 설계도입니다. 층이 몇 개인지, 각 층의 폭은 얼마인지, 어텐션 헤드는 몇 개인지, 어휘
      사전은 얼마나 큰지, 레이블 이름은 무엇인지가 적혀 있습니다. 가중치 옆에 \`config.json\`으로 저장되며, 모델
      구조를 *만드는 데* 필요한 정보는 모두 들어 있지만 가중치는 들어 있지 않습니다.

      **이번 강의의 목표**
      - \`BertConfig\`의 기본값을 살펴보고, 정확한 클래스와 \`AutoConfig\`로 각각 config를 불러옵니다.
      - 불러온 모델 안에서 config를 꺼내 봅니다.
      - config를 바꿔(층 수, 크기 등) 보고, 무작위 초기화가 무엇인지 확인합니다.
      - \`id2label\`로 분류기의 레이블에 이름을 붙입니다.
      - config를 저장하고 다시 불러옵니다.
      `,
    ),
    md(
      `
      ## 1. The defaults

      A config class created without arguments holds the defaults of the architecture's best-known
      checkpoint. For BERT those are the sizes of \`bert-base\`:
      `,
      `
      ## 1. 기본값

      인자 없이 만든 config 클래스에는 그 구조의 대표 체크포인트 기본값이 들어 있습니다. BERT라면
      \`bert-base\`의 크기입니다.
      `,
    ),
    code(`
      const defaults = new BertConfig();
      defaults;
    `),
    md(
      `
      The most important fields:
      - \`vocab_size\` — number of tokens the embedding table has a row for (must match the tokenizer),
      - \`hidden_size\` — the length of every token vector,
      - \`num_hidden_layers\` — how many Transformer layers are stacked,
      - \`num_attention_heads\` — heads per layer (\`hidden_size\` must be divisible by it),
      - \`intermediate_size\` — the width of the feed-forward block inside each layer,
      - \`max_position_embeddings\` — the longest sequence the model can read.

      Notice what is **not** there: no learning rate, no batch size. Those belong to training, not to
      the model, and live in \`TrainingArguments\` (lesson 5).

      ## 2. Loading a config: exact class or \`AutoConfig\`
      `,
      `
      중요한 필드는 다음과 같습니다.
      - \`vocab_size\` — 임베딩 테이블의 행 수, 즉 토큰 개수(토크나이저와 반드시 같아야 합니다)
      - \`hidden_size\` — 토큰 벡터 하나의 길이
      - \`num_hidden_layers\` — 쌓아 올린 트랜스포머 층의 수
      - \`num_attention_heads\` — 층마다의 어텐션 헤드 수(\`hidden_size\`가 이 값으로 나누어떨어져야 합니다)
      - \`intermediate_size\` — 각 층 안의 피드포워드(feed-forward) 블록의 폭
      - \`max_position_embeddings\` — 모델이 읽을 수 있는 가장 긴 시퀀스 길이

      여기에 **없는** 것도 눈여겨보세요. 학습률(learning rate)이나 배치 크기는 없습니다. 그것은 모델이 아니라
      학습에 관한 설정이라서 \`TrainingArguments\`에 들어갑니다(5강).

      ## 2. config 불러오기: 정확한 클래스 또는 \`AutoConfig\`
      `,
    ),
    code(`
      const casedConfig = await BertConfig.from_pretrained("transformers-lab/bert-base-cased");
      const autoConfig = await AutoConfig.from_pretrained("transformers-lab/bert-base-cased");
      ({
        exact_class: casedConfig.constructor.name,
        auto_class: autoConfig.constructor.name,
        same_content: casedConfig.to_json_string() === autoConfig.to_json_string(),
        vocab_size: autoConfig.vocab_size,
      });
    `),
    md(
      `
      \`AutoConfig\` reads \`"model_type"\` from the file and picks the class for you — the same trick
      \`AutoModel\` uses. The cased BERT has a smaller vocabulary (28,996) than the uncased one (30,522),
      because its vocabulary was built differently.

      A GPT-2 config uses other names for the same ideas (\`n_layer\`, \`n_embd\`, \`n_head\`):
      `,
      `
      \`AutoConfig\`는 파일의 \`"model_type"\`을 읽고 알맞은 클래스를 골라 줍니다. \`AutoModel\`이 쓰는 방법과
      같습니다. cased BERT의 어휘 사전(28,996개)은 uncased(30,522개)보다 작은데, 어휘를 만든 방식이 다르기
      때문입니다.

      GPT-2의 config는 같은 개념을 다른 이름으로 부릅니다(\`n_layer\`, \`n_embd\`, \`n_head\`).
      `,
    ),
    code(`
      const gpt2Config = await AutoConfig.from_pretrained("transformers-lab/gpt2");
      ({ class: gpt2Config.constructor.name, model_type: gpt2Config.model_type, n_layer: gpt2Config.n_layer, n_embd: gpt2Config.n_embd,
         n_head: gpt2Config.n_head, vocab_size: gpt2Config.vocab_size, activation_function: gpt2Config.activation_function });
    `),
    md(
      `
      ## 3. The config inside a model

      Every loaded model keeps its config in \`model.config\`. Here is the tiny BERT of this course,
      next to the bert-base defaults:
      `,
      `
      ## 3. 모델 안의 config

      불러온 모델은 모두 \`model.config\`에 자신의 config를 가지고 있습니다. 이 강의의 작은 BERT를 bert-base
      기본값과 나란히 놓아 보겠습니다.
      `,
    ),
    code(`
      const tinyModel = await AutoModelForMaskedLM.from_pretrained("transformers-lab/bert-tiny-brown");
      const tiny = tinyModel.config;
      const fields = ["vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size", "max_position_embeddings"] as const;
      Object.fromEntries(fields.map((f) => [f, { "bert-tiny-brown": (tiny as any)[f], "bert-base": (defaults as any)[f] }]));
    `),
    md(
      `
      ## 4. Changing a config, and what random initialisation means

      Pass the fields you want to change as an object. A model built from a config gets **random
      weights** (drawn from a normal distribution with standard deviation \`initializer_range\`, 0.02):
      the right shape, but no knowledge yet. Let us see how the number of parameters grows with the
      number of layers, keeping the tiny model's width:
      `,
      `
      ## 4. config 바꾸기, 그리고 무작위 초기화의 의미

      바꾸고 싶은 필드를 객체로 넘기면 됩니다. config로 만든 모델에는 **무작위 가중치**가 들어갑니다(표준편차가
      \`initializer_range\`, 즉 0.02인 정규분포에서 뽑습니다). 모양은 맞지만 아는 것은 아직 없는 상태입니다.
      작은 모델의 폭은 그대로 두고, 층 수에 따라 파라미터 수가 어떻게 늘어나는지 보겠습니다.
      `,
    ),
    code(
      `
      const layerCounts = [1, 2, 4, 6, 8, 10, 12];
      const parameterCounts: number[] = [];
      for (const num_hidden_layers of layerCounts) {
        const config = new BertConfig({ ...tiny.to_dict(), num_hidden_layers });
        parameterCounts.push(new BertModel(config).num_parameters());
      }
      plot(
        [{ type: "scatter", mode: "lines+markers", x: layerCounts, y: parameterCounts, name: "BertModel" }],
        { title: "Parameters vs. num_hidden_layers (hidden_size " + tiny.hidden_size + ")", xaxis: { title: "num_hidden_layers" }, yaxis: { title: "parameters" } },
      );
      `,
      `
      const layerCounts = [1, 2, 4, 6, 8, 10, 12];
      const parameterCounts: number[] = [];
      for (const num_hidden_layers of layerCounts) {
        const config = new BertConfig({ ...tiny.to_dict(), num_hidden_layers });
        parameterCounts.push(new BertModel(config).num_parameters());
      }
      plot(
        [{ type: "scatter", mode: "lines+markers", x: layerCounts, y: parameterCounts, name: "BertModel" }],
        { title: "num_hidden_layers에 따른 파라미터 수 (hidden_size " + tiny.hidden_size + ")", xaxis: { title: "num_hidden_layers" }, yaxis: { title: "파라미터 수" } },
      );
      `,
    ),
    md(
      `
      A straight line: every layer adds the same number of parameters. The line does not start at
      zero — the embedding table (\`vocab_size × hidden_size\`) is there even with no layers.

      Now the classic example: a BERT with **10 layers instead of 12**. It has the architecture of a
      bert-base model but random weights, so it must be trained before it is useful.
      `,
      `
      직선이 나옵니다. 층 하나가 늘 때마다 같은 수의 파라미터가 더해지기 때문입니다. 직선이 0에서 시작하지
      않는 이유는 층이 하나도 없어도 임베딩 테이블(\`vocab_size × hidden_size\`)이 있기 때문입니다.

      이제 자주 드는 예를 보겠습니다. 층이 **12개가 아니라 10개**인 BERT입니다. bert-base와 같은 구조를
      가졌지만 가중치는 무작위이므로, 쓰려면 먼저 학습을 시켜야 합니다.
      `,
    ),
    code(`
      const tenLayers = new BertConfig({ num_hidden_layers: 10 });
      const tenLayerModel = new BertModel(tenLayers);
      ({ layers: tenLayerModel.config.num_hidden_layers, parameters: tenLayerModel.num_parameters() });
    `),
    md(
      `
      ## 5. Labels: \`num_labels\`, \`id2label\`, \`label2id\`

      A classifier's config says how many labels there are and what they are called. With only
      \`num_labels\` you get generic names; give \`id2label\` to name them. The spam classifier of this
      course has its own names:
      `,
      `
      ## 5. 레이블: \`num_labels\`, \`id2label\`, \`label2id\`

      분류기의 config에는 레이블이 몇 개이고 각각 이름이 무엇인지 적혀 있습니다. \`num_labels\`만 주면 일반적인
      이름이 붙고, \`id2label\`을 주면 원하는 이름을 붙일 수 있습니다. 이 강의의 스팸 분류기는 자기만의 이름을
      가지고 있습니다.
      `,
    ),
    code(`
      const threeLabels = new BertConfig({ num_labels: 3 });
      const named = new BertConfig({ id2label: { 0: "negative", 1: "neutral", 2: "positive" } });
      const spamConfig = await AutoConfig.from_pretrained("transformers-lab/bert-tiny-spam");
      ({
        generic: threeLabels.id2label,
        named: named.id2label,
        named_label2id: named.label2id,
        spam_classifier: spamConfig.id2label,
      });
    `),
    md(
      `
      ## 6. Saving and loading a config

      \`save_pretrained\` writes \`config.json\`, and \`from_pretrained\` reads it back:
      `,
      `
      ## 6. config 저장하고 불러오기

      \`save_pretrained\`는 \`config.json\`을 쓰고, \`from_pretrained\`는 그것을 다시 읽습니다.
      `,
    ),
    code(`
      import * as fs from "node:fs";
      import * as os from "node:os";
      import * as path from "node:path";
      const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "tlab-04-config-"));
      const myConfig = path.join(workDir, "my-config");
      await tenLayers.save_pretrained(myConfig);
      console.log(fs.readFileSync(path.join(myConfig, "config.json"), "utf8").split("\\n").slice(0, 8).join("\\n") + "\\n  …");
      const reloadedConfig = await AutoConfig.from_pretrained(myConfig);
      reloadedConfig.num_hidden_layers;
    `),
    md(
      `
      The file is written with \`use_diff: true\`, but that does *not* mean "only what you changed". As in
      the Hugging Face library, it leaves out the settings every config shares (those of
      \`PretrainedConfig\`, such as \`return_dict\` or \`output_hidden_states\`) while they keep their
      defaults, and always writes the model's own fields (\`hidden_size\`, \`vocab_size\` and the rest of
      BERT's), changed or not. For \`tenLayers\`, which changes one setting, that is
      ${USE_DIFF.written_with_use_diff} of its ${USE_DIFF.all_fields} fields. To find what a config really
      changed, compare it with a fresh config of its class:
      `,
      `
      이 파일은 \`use_diff: true\`로 쓰이지만, "바꾼 것만"이라는 뜻은 *아닙니다*. Hugging Face 라이브러리와
      마찬가지로, 모든 config가 공유하는 설정(\`PretrainedConfig\`의 \`return_dict\`, \`output_hidden_states\`
      같은 것)은 기본값 그대로이면 빼고, 모델 고유의 필드(\`hidden_size\`, \`vocab_size\` 등 BERT의 필드)는
      바뀌었든 아니든 늘 씁니다. 설정 하나만 바꾼 \`tenLayers\`의 경우 필드 ${USE_DIFF.all_fields}개 중
      ${USE_DIFF.written_with_use_diff}개가 쓰입니다. config가 실제로 무엇을 바꿨는지 알려면 같은 클래스의 새
      config와 비교하세요.
      `,
    ),
    codeWithFigures(USE_DIFF, `
      const allFields = Object.keys(tenLayers.to_dict());
      const writtenFields = Object.keys(JSON.parse(tenLayers.to_json_string({ use_diff: true })));
      const bertDefaults = new BertConfig().to_dict();
      ({
        all_fields: allFields.length,
        written_with_use_diff: writtenFields.length,
        left_out: allFields.filter((field) => !writtenFields.includes(field)).slice(0, 5),
        changed_from_bert_defaults: allFields.filter((field) => JSON.stringify(tenLayers.to_dict()[field]) !== JSON.stringify(bertDefaults[field])).join(", "),
      });
    `),
    md(
      `
      Only \`${USE_DIFF.changed_from_bert_defaults}\` differs from a fresh \`BertConfig\`: that is what makes
      \`tenLayers\` special.
      `,
      `
      새 \`BertConfig\`와 다른 것은 \`${USE_DIFF.changed_from_bert_defaults}\` 하나뿐입니다. 이것이
      \`tenLayers\`를 특별하게 만드는 설정입니다.
      `,
    ),
    md(
      `
      ## Summary
      - A config is the blueprint: sizes, vocabulary, labels — never weights, never training settings.
      - \`new BertConfig()\` gives bert-base's defaults; \`from_pretrained\` / \`AutoConfig\` read \`config.json\`.
      - \`model.config\` is the config of a loaded model.
      - \`new BertModel(config)\` builds the architecture with random weights (std \`initializer_range\`).
      - \`num_labels\` / \`id2label\` / \`label2id\` name a classifier's outputs.

      ## Quiz
      `,
      `
      ## 정리
      - config는 설계도입니다. 크기, 어휘, 레이블은 담지만 가중치나 학습 설정은 담지 않습니다.
      - \`new BertConfig()\`는 bert-base 기본값을, \`from_pretrained\` / \`AutoConfig\`는 \`config.json\`을 읽어 옵니다.
      - 불러온 모델의 config는 \`model.config\`에 있습니다.
      - \`new BertModel(config)\`는 무작위 가중치(표준편차 \`initializer_range\`)로 구조를 만듭니다.
      - \`num_labels\` / \`id2label\` / \`label2id\`는 분류기 출력에 이름을 붙입니다.

      ## 퀴즈
      `,
    ),
    quiz({
      id: "l04-blueprint",
      type: "choice",
      points: 1,
      prompt: t("What does a config contain?", "config에는 무엇이 들어 있을까요?"),
      options: [
        t("The trained weights of the model.", "모델의 학습된 가중치"),
        t("The architecture's settings (sizes, vocabulary size, labels), but no weights.", "구조에 대한 설정(크기, 어휘 수, 레이블). 가중치는 없음"),
        t("The training data.", "학습 데이터"),
        t("The learning rate and batch size.", "학습률과 배치 크기"),
      ],
      answer: 1,
      hints: [
        t("What does `new BertModel(config)` produce: a trained or an untrained model?", "`new BertModel(config)`로 만든 모델은 학습된 모델일까요, 아닐까요?"),
        t("The weights are in another file of the checkpoint.", "가중치는 체크포인트의 다른 파일에 있습니다."),
        t("Learning rate and batch size belong to training, not to the model.", "학습률과 배치 크기는 모델이 아니라 학습에 속합니다."),
      ],
      explanation: t(
        "A config only describes the architecture. Weights live in model.safetensors, training settings in TrainingArguments.",
        "config는 구조만 설명합니다. 가중치는 model.safetensors에, 학습 설정은 TrainingArguments에 있습니다.",
      ),
    }),
    quiz({
      id: "l04-default-hidden",
      type: "numeric",
      points: 1,
      prompt: t("What is the default `hidden_size` of `new BertConfig()`?", "`new BertConfig()`의 기본 `hidden_size`는 얼마일까요?"),
      answer: 768,
      tolerance: 0.1,
      hints: [
        t("Print `defaults.hidden_size`.", "`defaults.hidden_size`를 출력해 보세요."),
        t("The defaults are those of bert-base.", "기본값은 bert-base의 값입니다."),
        t("It is 12 heads × 64 dimensions each.", "헤드 12개 × 헤드당 64차원입니다."),
      ],
      explanation: t("768, the width of bert-base. The tiny course model uses 128.", "bert-base의 폭인 768입니다. 이 강의의 작은 모델은 128을 씁니다."),
    }),
    quiz({
      id: "l04-model-type",
      type: "text",
      points: 1,
      prompt: t(
        "Which field of config.json does `AutoConfig` read to choose the config class? (field name)",
        "`AutoConfig`가 config 클래스를 고를 때 읽는 config.json의 필드 이름은 무엇일까요?",
      ),
      answers: ["model_type"],
      hints: [
        t("For GPT-2 its value is \"gpt2\", for BERT \"bert\".", "GPT-2라면 값이 \"gpt2\", BERT라면 \"bert\"입니다."),
        t("Open any config.json: one field names the architecture's family.", "config.json을 아무거나 열어 보세요. 한 필드가 아키텍처 계열의 이름을 담고 있습니다."),
        t("Its name has two words joined by an underscore: model_…", "두 단어를 밑줄로 이은 이름입니다: model_…"),
      ],
      explanation: t("`model_type` (\"bert\", \"gpt2\", \"distilbert\" …) maps to BertConfig, GPT2Config, …", "`model_type`(\"bert\", \"gpt2\", \"distilbert\" …)이 BertConfig, GPT2Config 등으로 연결됩니다."),
    }),
    quiz({
      id: "l04-in-config",
      type: "multiple",
      points: 1,
      prompt: t("Which of these are fields of a `BertConfig`? (choose all)", "다음 중 `BertConfig`의 필드를 모두 고르세요."),
      options: [
        t("num_attention_heads", "num_attention_heads"),
        t("vocab_size", "vocab_size"),
        t("learning_rate", "learning_rate"),
        t("intermediate_size", "intermediate_size"),
        t("per_device_train_batch_size", "per_device_train_batch_size"),
      ],
      answer: [0, 1, 3],
      hints: [
        t("Two of them are training settings.", "두 개는 학습 설정입니다."),
        t("A config describes the shape of the network.", "config는 신경망의 모양을 설명합니다."),
        t("learning_rate and per_device_train_batch_size are passed to TrainingArguments.", "learning_rate와 per_device_train_batch_size는 TrainingArguments에 넘기는 값입니다."),
      ],
      explanation: t(
        "learning_rate and per_device_train_batch_size are TrainingArguments; the others describe the architecture.",
        "learning_rate와 per_device_train_batch_size는 TrainingArguments의 값이고, 나머지는 구조를 설명하는 값입니다.",
      ),
    }),
    quiz({
      id: "l04-generic-labels",
      type: "choice",
      points: 1,
      prompt: t("What is `new BertConfig({ num_labels: 3 }).id2label[2]`?", "`new BertConfig({ num_labels: 3 }).id2label[2]`의 값은 무엇일까요?"),
      options: [t("\"2\"", "\"2\""), t("\"LABEL_2\"", "\"LABEL_2\""), t("\"positive\"", "\"positive\""), t("undefined", "undefined")],
      answer: 1,
      hints: [
        t("Look at the `generic` entry in section 5.", "5절의 `generic` 항목을 보세요."),
        t("Without id2label, the config makes up names from the label's number.", "id2label이 없으면 config는 라벨 번호로 이름을 지어냅니다."),
        t("The names are LABEL_ followed by the number.", "이름은 LABEL_ 뒤에 번호를 붙인 것입니다."),
      ],
      explanation: t("Without names, labels are called LABEL_0, LABEL_1, …", "이름을 주지 않으면 LABEL_0, LABEL_1, … 이 붙습니다."),
    }),
    quiz({
      id: "l04-cased-vocab",
      type: "numeric",
      points: 1,
      prompt: t("What is the `vocab_size` of bert-base-cased?", "bert-base-cased의 `vocab_size`는 얼마일까요?"),
      answer: 28996,
      tolerance: 0.1,
      hints: [
        t("It was printed in section 2.", "2절에서 출력했습니다."),
        t("It is the cased model: fewer entries than the uncased one's 30,522.", "대소문자를 구분하는 모델입니다. uncased의 30,522보다 적습니다."),
        t("Print `cased.vocab_size` in a code cell.", "코드 셀에서 `cased.vocab_size`를 출력해 보세요."),
      ],
      explanation: t("28,996 — smaller than bert-base-uncased's 30,522.", "28,996입니다. bert-base-uncased의 30,522보다 작습니다."),
    }),
    quiz({
      id: "l04-small-config",
      type: "code",
      points: 2,
      prompt: t(
        "Create `smallConfig`: a BertConfig with 4 layers, `hidden_size` 256, 4 attention heads and `intermediate_size` 1024 (everything else default). Then build `smallModel`, a `BertModel` from it.",
        "층 4개, `hidden_size` 256, 어텐션 헤드 4개, `intermediate_size` 1024인 BertConfig `smallConfig`를 만드세요(나머지는 기본값). 그리고 이것으로 `BertModel`인 `smallModel`을 만드세요.",
      ),
      solution: `
        // BEGIN SOLUTION
        const smallConfig = new BertConfig({ num_hidden_layers: 4, hidden_size: 256, num_attention_heads: 4, intermediate_size: 1024 });
        const smallModel = new BertModel(smallConfig);
        // END SOLUTION
      `,
      tests: `
        assert.equal(smallConfig.num_hidden_layers, 4);
        assert.equal(smallConfig.hidden_size, 256);
        assert.equal(smallConfig.num_attention_heads, 4);
        assert.equal(smallConfig.intermediate_size, 1024);
        assert.equal(smallModel.config.num_hidden_layers, 4, "build smallModel from smallConfig");
      `,
      hidden_tests: `
        assert.equal(smallConfig.vocab_size, 30522, "keep the default vocabulary");
        assert.ok(smallModel.num_parameters() < 110_000_000, "smaller than bert-base");
      `,
      hints: [
        t("`new BertConfig({ field: value, … })`, then `new BertModel(config)`.", "`new BertConfig({ 필드: 값, … })`로 만들고 `new BertModel(config)`를 쓰세요."),
        t("The field names are num_hidden_layers, hidden_size, num_attention_heads and intermediate_size.", "필드 이름은 num_hidden_layers, hidden_size, num_attention_heads, intermediate_size입니다."),
        t("`const smallConfig = new BertConfig({ num_hidden_layers: 4, … });` then `const smallModel = new BertModel(smallConfig);`", "`const smallConfig = new BertConfig({ num_hidden_layers: 4, … });` 다음에 `const smallModel = new BertModel(smallConfig);`"),
      ],
      explanation: t(
        "Any field you leave out keeps its default; the model gets random weights in the new shapes.",
        "지정하지 않은 필드는 기본값을 유지하고, 모델은 새 크기에 맞는 무작위 가중치를 받습니다.",
      ),
    }),
  ],
};
