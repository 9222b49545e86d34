import { Lesson, code, codeWithFigures, md, quiz, t } from "./lesson";

// Lesson 2: models — loading, their inner structure, ids by hand, what they return, how they are
// built, saving.
export const lesson: Lesson = {
  name: "02-model",
  title: t("Lesson 2 — Model", "2강 — 모델(Model)"),
  cells: [
    md(
      `
      # Lesson 2 — Model

      The model is the heart of the library. Every model class inherits from \`PreTrainedModel\`, which
      knows how to **load** (\`from_pretrained\`), **save** (\`save_pretrained\`) and **describe itself**
      (\`model.config\`). Because of that shared parent, loading a BERT and loading a GPT-2 look the same.

      **In this lesson you will**
      - load a model by its *model id*, once with its exact class and once with \`AutoModel\`,
      - look at what a model returns: hidden states and attention weights, drawn as a picture,
      - predict a hidden word with a masked-language-model head,
      - build a model from its config with random weights and compare it with the trained one,
      - save a model to a folder and load it back.
      `,
      `
      # 2강 — 모델(Model)

      라이브러리의 핵심은 역시 모델입니다. 모든 모델 클래스는 \`PreTrainedModel\`을 상속받고, 이 부모 클래스가
      **불러오기**(\`from_pretrained\`), **저장하기**(\`save_pretrained\`), **자기 설명**(\`model.config\`)을
      담당합니다. 부모가 같기 때문에 BERT를 불러오든 GPT-2를 불러오든 사용법이 똑같습니다.

      **이번 강의의 목표**
      - *모델 id*로 모델을 불러옵니다. 한 번은 정확한 클래스로, 한 번은 \`AutoModel\`로 불러와 비교합니다.
      - 모델이 돌려주는 값, 즉 은닉 상태(hidden state)와 어텐션 가중치를 살펴보고 그림으로 그려 봅니다.
      - MLM(masked language model) 헤드로 가려진 단어를 맞혀 봅니다.
      - config만으로 무작위 가중치 모델을 만들어 학습된 모델과 비교합니다.
      - 모델을 폴더에 저장하고 다시 불러옵니다.
      `,
    ),
    md(
      `
      ## 1. Two ways to load a model

      The course ships a tiny BERT that was **pre-trained** on the Brown corpus as a masked language
      model. Its model id is \`transformers-lab/bert-tiny-brown\`. An id names a *checkpoint*: a folder
      with a \`config.json\` and the weights.

      First way: pick the class that matches the task yourself.
      `,
      `
      ## 1. 모델을 불러오는 두 가지 방법

      이 강의에는 Brown 코퍼스로 MLM **사전학습(pre-training)**을 한 아주 작은 BERT가 포함되어 있습니다.
      모델 id는 \`transformers-lab/bert-tiny-brown\`입니다. id는 *체크포인트*, 즉 \`config.json\`과 가중치가
      들어 있는 폴더를 가리키는 이름입니다.

      첫 번째 방법은 태스크에 맞는 클래스를 직접 골라 쓰는 것입니다.
      `,
    ),
    code(`
      const modelId = "transformers-lab/bert-tiny-brown";
      const mlmModel = await BertForMaskedLM.from_pretrained(modelId);
      mlmModel.constructor.name;
    `),
    md(
      `
      Second way: \`AutoModel\` reads \`config.json\`, sees \`"model_type": "bert"\`, and picks the
      architecture for you. Same id, same weights — but a different class:
      `,
      `
      두 번째 방법은 \`AutoModel\`을 쓰는 것입니다. \`AutoModel\`은 \`config.json\`을 읽고
      \`"model_type": "bert"\`를 확인한 뒤 알맞은 구조를 대신 골라 줍니다. id도 같고 가중치도 같지만, 만들어지는
      클래스는 다릅니다.
      `,
    ),
    code(`
      const baseModel = await AutoModel.from_pretrained(modelId);
      baseModel.constructor.name;
    `),
    md(
      `
      \`AutoModel\` gives the bare encoder (\`BertModel\`): it returns one vector per token and has no
      *head* for a task. \`BertForMaskedLM\` is the same encoder plus a head that scores every word of
      the vocabulary. The head's weights are in the checkpoint but \`BertModel\` does not use them —
      that is what the loading message above reports. Other \`AutoModelFor…\` classes pick other heads:
      \`AutoModelForSequenceClassification\`, \`AutoModelForMaskedLM\`, \`AutoModelForCausalLM\`, …
      `,
      `
      \`AutoModel\`은 태스크용 *헤드(head)*가 없는 인코더 본체(\`BertModel\`)를 만듭니다. 토큰마다 벡터 하나를
      돌려줄 뿐이죠. \`BertForMaskedLM\`은 같은 인코더에 어휘 사전의 모든 단어에 점수를 매기는 헤드를 얹은
      것입니다. 체크포인트에는 헤드 가중치도 들어 있지만 \`BertModel\`은 이를 쓰지 않습니다. 위에서 나온
      로딩 메시지가 바로 이 내용입니다. 다른 헤드가 필요하면 \`AutoModelForSequenceClassification\`,
      \`AutoModelForMaskedLM\`, \`AutoModelForCausalLM\` 같은 \`AutoModelFor…\` 클래스를 쓰면 됩니다.
      `,
    ),
    md(
      `
      ### What a model is made of

      A model prints itself as a tree of the modules it is built from. The task class
      \`BertForMaskedLM\` holds two parts: the **main layer** \`bert\` — a whole \`BertModel\`, the same
      encoder \`AutoModel\` gave us — and the head \`cls\`. Inside the main layer come the
      **embeddings** (word, position and segment), then the **encoder**, a list of identical layers,
      each with its **attention** and a feed-forward block. When you read a model's code, start from
      this skeleton.
      `,
      `
      ### 모델은 무엇으로 이루어져 있을까

      모델을 출력하면 자신을 이루는 모듈의 나무 구조가 나옵니다. 태스크 클래스 \`BertForMaskedLM\`은 두
      부분으로 되어 있습니다. 하나는 **메인 레이어(main layer)**인 \`bert\`로, \`AutoModel\`이 만들어 준 것과
      같은 인코더 \`BertModel\` 전체입니다. 다른 하나는 헤드 \`cls\`입니다. 메인 레이어 안에는 단어·위치·문장
      구분 **임베딩**이 있고, 그 뒤에 똑같은 층을 쌓은 **인코더**가 이어집니다. 각 층에는 **어텐션**과 피드포워드
      블록이 들어 있습니다. 모델의 코드를 읽을 때도 이 뼈대부터 살펴보세요.
      `,
    ),
    codeWithFigures(
      { parts: "bert:BertModel cls:BertOnlyMLMHead", main_layer: "embeddings:BertEmbeddings encoder:BertEncoder", layers: 2, attention: "BertAttention" },
      `
      const describe = (module: Module) => module.named_children().map(([name, child]) => name + ":" + child.constructor.name).join(" ");
      const mainLayer = mlmModel.get_submodule("bert");
      const firstAttention = mlmModel.get_submodule("bert.encoder.layer.0.attention");
      console.log(String(firstAttention)); // [en] one layer's attention: query, key, value and an output projection [ko] 한 층의 어텐션: query, key, value와 출력 투영
      ({
        parts: describe(mlmModel),
        main_layer: describe(mainLayer),
        layers: mlmModel.config.num_hidden_layers,
        attention: firstAttention.constructor.name,
      });
      `,
    ),
    md(
      `
      Printing \`mlmModel\` by itself shows the whole tree. Three ideas of the library are visible here:
      - **Ease of use**: two lines — a tokenizer and a model from one id — are enough to run a
        pre-trained model.
      - **Flexibility**: every model is an ordinary module of its framework (a PyTorch \`nn.Module\` in
        Python, a \`Module\` here), so you can call its parts, replace its head or train it yourself.
      - **One file per model**: a model's forward pass is written out entirely in one place instead of
        being assembled from shared abstractions, so you can read and change it. In this course BERT
        lives in \`src/models/bert/\`: \`configuration.ts\` for its config, \`modeling.ts\` for the layers
        printed above.
      `,
      `
      \`mlmModel\`만 출력하면 나무 전체가 보입니다. 여기에서 라이브러리의 세 가지 철학을 확인할 수 있습니다.
      - **쉬운 사용법**: 같은 id로 토크나이저와 모델을 불러오는 두 줄이면 사전학습된 모델을 실행할 수 있습니다.
      - **유연성**: 모든 모델은 그 프레임워크의 평범한 모듈입니다(파이썬에서는 PyTorch \`nn.Module\`, 여기서는
        \`Module\`). 그래서 일부만 호출하거나, 헤드를 바꾸거나, 직접 학습시킬 수 있습니다.
      - **모델 하나에 파일 하나**: 모델의 순전파(forward pass)를 공통 추상화로 조립하지 않고 한곳에 전부
        적어 두기 때문에 읽고 고치기 쉽습니다. 이 강의 환경에서 BERT는 \`src/models/bert/\`에 있습니다.
        config는 \`configuration.ts\`에, 위에 출력된 층들은 \`modeling.ts\`에 들어 있습니다.
      `,
    ),
    md(
      `
      ## 2. What a model returns

      We tokenize a sentence with the checkpoint's own tokenizer and ask for everything: the hidden
      state after every layer and the attention weights of every layer.
      `,
      `
      ## 2. 모델의 출력에는 무엇이 들어 있을까

      체크포인트와 짝인 토크나이저로 문장을 토큰화한 뒤, 모든 층의 은닉 상태와 어텐션 가중치까지 전부
      달라고 요청해 보겠습니다.
      `,
    ),
    code(`
      const tokenizer = await AutoTokenizer.from_pretrained(modelId);
      const encoded = tokenizer("the jury said the election was conducted well.", { return_tensors: "pt" });
      const baseOutputs = await baseModel({ ...encoded, output_hidden_states: true, output_attentions: true });
      ({
        last_hidden_state: baseOutputs.last_hidden_state.shape,
        hidden_states: baseOutputs.hidden_states.length,
        attentions: baseOutputs.attentions.length,
        one_attention: baseOutputs.attentions[0].shape,
      });
    `),
    md(
      `
      How to read these shapes:
      - \`last_hidden_state\` is \`[batch, sequence length, hidden_size]\`: one vector of size
        \`hidden_size\` for every token.
      - \`hidden_states\` has **one more entry than the number of layers**: the embeddings that go into
        the first layer, then the output of each layer.
      - each entry of \`attentions\` is \`[batch, heads, sequence, sequence]\`: for every head, how much each
        token (row) looks at every other token (column). Each row sums to 1.

      An attention map shows this as a picture:
      `,
      `
      모양(shape)을 읽는 법은 다음과 같습니다.
      - \`last_hidden_state\`는 \`[배치, 시퀀스 길이, hidden_size]\`입니다. 토큰마다 \`hidden_size\` 크기의 벡터가
        하나씩 있습니다.
      - \`hidden_states\`는 **층 수보다 하나 많습니다.** 첫 번째 층에 들어가는 임베딩이 맨 앞에 있고, 그 뒤로
        각 층의 출력이 이어집니다.
      - \`attentions\`의 각 원소는 \`[배치, 헤드 수, 시퀀스, 시퀀스]\`입니다. 헤드마다 각 토큰(행)이 다른
        토큰(열)을 얼마나 참고하는지를 나타내며, 한 행의 합은 1입니다.

      어텐션 맵으로 그려 보면 한눈에 들어옵니다.
      `,
    ),
    code(
      `
      const tokens = tokenizer.convert_ids_to_tokens(encoded.input_ids.tolist()[0]);
      const lastLayer = baseOutputs.attentions[baseOutputs.attentions.length - 1].tolist()[0];
      const heads = lastLayer.length;
      const axis = (h: number) => (h === 0 ? "" : String(h + 1));   // plotly names axes x, x2, x3 …
      plot(
        lastLayer.map((head: number[][], h: number) => ({
          type: "heatmap", z: head, x: tokens, y: tokens, colorscale: "Blues", showscale: h === 0,
          xaxis: "x" + axis(h), yaxis: "y" + axis(h),
        })),
        {
          title: "Attention of the last layer (left: head 0, right: head 1)", height: 460,
          ...Object.fromEntries(lastLayer.flatMap((_: unknown, h: number) => [
            ["xaxis" + axis(h), { domain: [h / heads + 0.03, (h + 1) / heads - 0.03], tickangle: -45 }],
            ["yaxis" + axis(h), { anchor: "x" + axis(h), autorange: "reversed", showticklabels: h === 0 }],
          ])),
        },
      );
      `,
      `
      const tokens = tokenizer.convert_ids_to_tokens(encoded.input_ids.tolist()[0]);
      const lastLayer = baseOutputs.attentions[baseOutputs.attentions.length - 1].tolist()[0];
      const heads = lastLayer.length;
      const axis = (h: number) => (h === 0 ? "" : String(h + 1));   // plotly names axes x, x2, x3 …
      plot(
        lastLayer.map((head: number[][], h: number) => ({
          type: "heatmap", z: head, x: tokens, y: tokens, colorscale: "Blues", showscale: h === 0,
          xaxis: "x" + axis(h), yaxis: "y" + axis(h),
        })),
        {
          title: "마지막 층의 어텐션 (왼쪽: 0번 헤드, 오른쪽: 1번 헤드)", height: 460,
          ...Object.fromEntries(lastLayer.flatMap((_: unknown, h: number) => [
            ["xaxis" + axis(h), { domain: [h / heads + 0.03, (h + 1) / heads - 0.03], tickangle: -45 }],
            ["yaxis" + axis(h), { anchor: "x" + axis(h), autorange: "reversed", showticklabels: h === 0 }],
          ])),
        },
      );
      `,
    ),
    md(
      `
      Rows are the tokens that *look*, columns the tokens they *look at*. Heads often specialise:
      one may attend to the previous token, another to \`[SEP]\` or to punctuation.

      ### Ids written by hand

      A model never sees text, only ids. Nothing stops us from writing them ourselves. Here are three
      short sentences as the \`bert-base-uncased\` vocabulary encodes them, as a list of lists — a
      rectangle, so it converts straight into a tensor:
      `,
      `
      행은 *바라보는* 토큰, 열은 *바라보는 대상* 토큰입니다. 헤드마다 역할이 나뉘는 경우가 많습니다. 어떤
      헤드는 바로 앞 토큰을, 어떤 헤드는 \`[SEP]\`이나 문장 부호를 주로 봅니다.

      ### 손으로 쓴 id 넣어 보기

      모델은 텍스트를 보지 않고 id만 봅니다. 그러니 id를 직접 써서 넣을 수도 있습니다. 아래는 짧은 세 문장을
      \`bert-base-uncased\` 어휘로 인코딩한 결과를 리스트의 리스트로 적은 것입니다. 직사각형 모양이므로 바로
      텐서로 바꿀 수 있습니다.
      `,
    ),
    codeWithFigures(
      { decoded: "[CLS] hello! [SEP] | [CLS] cool. [SEP] | [CLS] nice! [SEP]", matches_tokenizer: true, input_shape: "3 × 4", output_shape: "3 × 4 × 128" },
      `
      const encoded_sequences = [
        [101, 7592, 999, 102],
        [101, 4658, 1012, 102],
        [101, 3835, 999, 102],
      ];
      const model_inputs = Tensor.from(encoded_sequences, "int64");
      const uncasedTokenizer = await AutoTokenizer.from_pretrained("transformers-lab/bert-base-uncased");
      // [en] the course ships bert-base-uncased's vocabulary and config, not its weights: build a small BERT on that vocabulary [ko] 강의에는 bert-base-uncased의 어휘 사전과 config만 있고 가중치는 없으므로, 같은 어휘로 작은 BERT를 만듭니다
      const smallConfig = await BertConfig.from_pretrained("transformers-lab/bert-base-uncased", { num_hidden_layers: 2, hidden_size: 128, num_attention_heads: 2, intermediate_size: 512 });
      const smallBert = new BertModel(smallConfig);
      const handOutputs = await smallBert({ input_ids: model_inputs }); // [en] a model takes its inputs by name [ko] 모델은 입력을 이름으로 받습니다
      ({
        decoded: uncasedTokenizer.batch_decode(encoded_sequences).join(" | "),
        matches_tokenizer: JSON.stringify(uncasedTokenizer(["Hello!", "Cool.", "Nice!"]).input_ids) === JSON.stringify(encoded_sequences),
        input_shape: model_inputs.shape.join(" × "),
        output_shape: handOutputs.last_hidden_state.shape.join(" × "),
      });
      `,
    ),
    md(
      `
      The ids are "Hello!", "Cool." and "Nice!" — exactly what the tokenizer produces for them. The
      model turned the 3 × 4 ids into 3 × 4 × 128 numbers: one vector of \`hidden_size\` 128 per token.
      Its weights are random (we built it from a config, as section 4 explains), so the vectors mean
      nothing yet; what matters is the input: ids in a rectangular tensor, passed as \`input_ids\`. In
      Python you would write \`model(model_inputs)\`; here inputs always go by name,
      \`model({ input_ids: model_inputs })\`.

      `,
      `
      이 id들은 "Hello!", "Cool.", "Nice!"이며, 토크나이저가 만드는 결과와 똑같습니다. 모델은 3 × 4개의 id를
      3 × 4 × 128개의 숫자로 바꾸었습니다. 토큰마다 \`hidden_size\` 128짜리 벡터가 하나씩 생긴 것입니다. 이
      모델은 config로 만든 무작위 가중치 모델이라(4절에서 설명합니다) 벡터에는 아직 의미가 없습니다. 중요한
      것은 입력 형식입니다. 직사각형 텐서에 담은 id를 \`input_ids\`로 넘깁니다. 파이썬에서는
      \`model(model_inputs)\`라고 쓰지만, 여기서는 입력을 항상 이름으로 넘깁니다:
      \`model({ input_ids: model_inputs })\`.
      `,
    ),
    md(
      `
      ## 3. A head at work: guessing a hidden word

      Masked language modelling is how BERT was pre-trained: hide a word with \`[MASK]\` and let the
      model score every word of the vocabulary for that position. We take the five best.
      `,
      `
      ## 3. 헤드가 하는 일: 가려진 단어 맞히기

      BERT는 MLM 방식으로 사전학습되었습니다. 문장의 단어 하나를 \`[MASK]\`로 가리고, 그 자리에 올 단어를
      어휘 사전 전체에 대해 점수 매기게 하는 것이죠. 점수가 높은 다섯 개를 뽑아 보겠습니다.
      `,
    ),
    code(`
      const masked = tokenizer("the man went to the [MASK] to buy some bread.", { return_tensors: "pt" });
      const mlmOutputs = await mlmModel(masked);
      const maskPosition = masked.input_ids.tolist()[0].indexOf(tokenizer.mask_token_id); // [en] where [MASK] is [ko] [MASK]의 위치
      const scores: number[] = mlmOutputs.logits.tolist()[0][maskPosition]; // [en] one score per vocabulary entry [ko] 어휘 사전 크기만큼의 점수
      const top5 = scores
        .map((score, id) => ({ id, score }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 5)
        .map(({ id, score }) => ({ token: tokenizer.convert_ids_to_tokens([id])[0], score: Number(score.toFixed(2)) }));
      top5;
    `),
    md(
      `
      Do not expect much: this model is tiny and was pre-trained only briefly on about one million
      words (its model card, \`models/bert-tiny-brown/README.md\`, says how briefly and how far it got),
      so its favourites are mostly frequent words. Large models trained for days on billions of words
      are what make fill-mask look clever. Still, its scores are learned from text — next we compare
      them with a model that learned nothing.

      ## 4. How a model is built: config → architecture → weights

      \`from_pretrained\` does three things: it reads the **config** (the blueprint), builds the
      **architecture** from it with random weights, and then **loads the trained weights** into it. We
      can stop after step two:
      `,
      `
      큰 기대는 하지 마세요. 이 모델은 아주 작고, 백만 단어 정도의 코퍼스로 짧게만 사전학습했습니다(얼마나
      짧게 학습했고 어디까지 도달했는지는 모델 카드 \`models/bert-tiny-brown/README.md\`에 적혀 있습니다). 그래서
      주로 자주 나오는 단어를 답으로 내놓습니다. fill-mask가 똑똑해 보이는 것은 수십억 단어로 며칠씩 학습한 큰
      모델 덕분입니다. 그래도 이 점수는 텍스트에서 배운 것입니다. 이어서 아무것도 배우지 않은 모델과
      비교해 보겠습니다.

      ## 4. 모델은 어떻게 만들어질까: config → 구조 → 가중치

      \`from_pretrained\`는 세 가지 일을 합니다. **config**(설계도)를 읽고, 그 설계대로 무작위 가중치를 가진
      **구조**를 만든 다음, 그 안에 **학습된 가중치를 불러옵니다.** 두 번째 단계에서 멈추면 이렇게 됩니다.
      `,
    ),
    code(`
      const blueprint = mlmModel.config;
      const randomModel = new BertForMaskedLM(blueprint); // [en] same architecture, random weights [ko] 구조는 같고 가중치는 무작위
      const randomScores: number[] = (await randomModel(masked)).logits.tolist()[0][maskPosition];
      const randomTop5 = randomScores
        .map((score, id) => ({ id, score }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 5)
        .map(({ id }) => tokenizer.convert_ids_to_tokens([id])[0]);
      ({ parameters: mlmModel.num_parameters(), trained: top5.map((x) => x.token), random: randomTop5 });
    `),
    md(
      `
      Same number of parameters, same shapes — but the random model's guesses are arbitrary. All the
      knowledge lives in the weights; the config only says how big the boxes are.

      ## 5. Token vectors, projected to 2-D

      Each hidden state is a vector of \`hidden_size\` numbers. To look at them we project them onto
      the two directions along which they vary most (principal component analysis). Words used in
      similar ways tend to land near each other.
      `,
      `
      파라미터 수도, 모양도 똑같지만 무작위 모델의 추측은 아무 의미가 없습니다. 지식은 모두 가중치에 들어
      있고, config는 상자의 크기만 알려 줄 뿐입니다.

      ## 5. 토큰 벡터를 2차원으로 투영해 보기

      은닉 상태는 \`hidden_size\`개의 숫자로 이루어진 벡터입니다. 눈으로 보기 위해 값이 가장 크게 퍼져 있는 두
      방향으로 투영해 보겠습니다(주성분 분석, PCA). 비슷하게 쓰이는 단어일수록 가까이 모이는 경향이 있습니다.
      `,
    ),
    code(
      `
      const words = ["monday", "tuesday", "friday", "one", "two", "three", "red", "green", "blue", "he", "she", "they"];
      const vectors: number[][] = [];
      for (const word of words) {
        const out = await baseModel(tokenizer(word, { return_tensors: "pt" }));
        vectors.push(out.last_hidden_state.tolist()[0][1]);   // the vector of the word itself (after [CLS])
      }
      // PCA with two rounds of power iteration on the centred vectors.
      const mean = vectors[0].map((_, d) => vectors.reduce((s, v) => s + v[d], 0) / vectors.length);
      const centred = vectors.map((v) => v.map((x, d) => x - mean[d]));
      function topDirection(rows: number[][]): number[] {
        let dir = rows[0].map((_, d) => Math.sin(d + 1));
        for (let i = 0; i < 100; i++) {
          const next = dir.map(() => 0);
          for (const r of rows) {
            const dot = r.reduce((s, x, d) => s + x * dir[d], 0);
            r.forEach((x, d) => (next[d] += dot * x));
          }
          const norm = Math.hypot(...next);
          dir = next.map((x) => x / norm);
        }
        return dir;
      }
      const pc1 = topDirection(centred);
      const rest = centred.map((r) => { const dot = r.reduce((s, x, d) => s + x * pc1[d], 0); return r.map((x, d) => x - dot * pc1[d]); });
      const pc2 = topDirection(rest);
      const project = (r: number[], dir: number[]) => r.reduce((s, x, d) => s + x * dir[d], 0);
      plot(
        [{ type: "scatter", mode: "text+markers", text: words, textposition: "top center",
           x: centred.map((r) => project(r, pc1)), y: centred.map((r) => project(r, pc2)) }],
        { title: "Hidden states of single words (PCA)", xaxis: { title: "PC 1" }, yaxis: { title: "PC 2" } },
      );
      `,
      `
      const words = ["monday", "tuesday", "friday", "one", "two", "three", "red", "green", "blue", "he", "she", "they"];
      const vectors: number[][] = [];
      for (const word of words) {
        const out = await baseModel(tokenizer(word, { return_tensors: "pt" }));
        vectors.push(out.last_hidden_state.tolist()[0][1]);   // [CLS] 다음, 단어 자신의 벡터
      }
      // 중심을 맞춘 벡터에 거듭제곱법(power iteration)을 두 번 적용해 PCA를 계산합니다.
      const mean = vectors[0].map((_, d) => vectors.reduce((s, v) => s + v[d], 0) / vectors.length);
      const centred = vectors.map((v) => v.map((x, d) => x - mean[d]));
      function topDirection(rows: number[][]): number[] {
        let dir = rows[0].map((_, d) => Math.sin(d + 1));
        for (let i = 0; i < 100; i++) {
          const next = dir.map(() => 0);
          for (const r of rows) {
            const dot = r.reduce((s, x, d) => s + x * dir[d], 0);
            r.forEach((x, d) => (next[d] += dot * x));
          }
          const norm = Math.hypot(...next);
          dir = next.map((x) => x / norm);
        }
        return dir;
      }
      const pc1 = topDirection(centred);
      const rest = centred.map((r) => { const dot = r.reduce((s, x, d) => s + x * pc1[d], 0); return r.map((x, d) => x - dot * pc1[d]); });
      const pc2 = topDirection(rest);
      const project = (r: number[], dir: number[]) => r.reduce((s, x, d) => s + x * dir[d], 0);
      plot(
        [{ type: "scatter", mode: "text+markers", text: words, textposition: "top center",
           x: centred.map((r) => project(r, pc1)), y: centred.map((r) => project(r, pc2)) }],
        { title: "단어 하나씩 넣었을 때의 은닉 상태 (PCA)", xaxis: { title: "PC 1" }, yaxis: { title: "PC 2" } },
      );
      `,
    ),
    md(
      `
      ## 6. Saving and loading again

      \`save_pretrained(folder)\` writes exactly two files: \`config.json\` (the blueprint) and
      \`model.safetensors\` (every weight, by name). The folder is itself a checkpoint: give its path to
      \`from_pretrained\` instead of an id. The lesson saves into a fresh scratch folder under the system's
      temporary directory (\`workDir\`), so nothing is left next to the notebook.
      `,
      `
      ## 6. 저장하고 다시 불러오기

      \`save_pretrained(폴더)\`는 딱 두 개의 파일을 씁니다. 설계도인 \`config.json\`과, 모든 가중치를 이름과
      함께 담은 \`model.safetensors\`입니다. 이 폴더가 곧 체크포인트이므로, id 대신 폴더 경로를
      \`from_pretrained\`에 넘기면 그대로 불러올 수 있습니다. 이 강의는 시스템 임시 폴더 아래에 새로 만든
      작업 폴더(\`workDir\`)에 저장하므로, 노트북 옆에는 아무것도 남지 않습니다.
      `,
    ),
    code(
      `
      import * as fs from "node:fs";
      import * as os from "node:os";
      import * as path from "node:path";
      const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "tlab-02-model-"));
      const myBert = path.join(workDir, "my-bert");
      await mlmModel.save_pretrained(myBert);
      console.log(fs.readdirSync(myBert));
      const reloaded = await AutoModelForMaskedLM.from_pretrained(myBert);
      const again: number[] = (await reloaded(masked)).logits.tolist()[0][maskPosition];
      console.log("largest difference after reloading:", Math.max(...again.map((x, i) => Math.abs(x - scores[i]))));
      `,
      `
      import * as fs from "node:fs";
      import * as os from "node:os";
      import * as path from "node:path";
      const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "tlab-02-model-"));
      const myBert = path.join(workDir, "my-bert");
      await mlmModel.save_pretrained(myBert);
      console.log(fs.readdirSync(myBert));
      const reloaded = await AutoModelForMaskedLM.from_pretrained(myBert);
      const again: number[] = (await reloaded(masked)).logits.tolist()[0][maskPosition];
      console.log("다시 불러온 뒤 가장 큰 차이:", Math.max(...again.map((x, i) => Math.abs(x - scores[i]))));
      `,
    ),
    md(
      `
      ## Summary

      - Every model inherits \`from_pretrained\`, \`save_pretrained\` and \`config\` from \`PreTrainedModel\`.
      - \`AutoModel\` picks the architecture from \`config.json\`; \`AutoModelFor…\` adds the head a task needs.
      - Outputs hold \`last_hidden_state\`, and on request \`hidden_states\` (layers + 1) and \`attentions\`.
      - config → random architecture → trained weights: the knowledge is in the weights.
      - A saved folder (\`config.json\` + \`model.safetensors\`) loads like any id.

      ## Quiz
      `,
      `
      ## 정리

      - 모든 모델은 \`PreTrainedModel\`로부터 \`from_pretrained\`, \`save_pretrained\`, \`config\`를 물려받습니다.
      - \`AutoModel\`은 \`config.json\`을 보고 구조를 고르고, \`AutoModelFor…\`는 태스크에 필요한 헤드를 붙입니다.
      - 출력에는 \`last_hidden_state\`가 있고, 요청하면 \`hidden_states\`(층 수 + 1개)와 \`attentions\`도 담깁니다.
      - config → 무작위 구조 → 학습된 가중치. 지식은 가중치에 들어 있습니다.
      - 저장한 폴더(\`config.json\` + \`model.safetensors\`)는 id처럼 그대로 불러올 수 있습니다.

      ## 퀴즈
      `,
    ),
    quiz({
      id: "l02-automodel",
      type: "choice",
      points: 1,
      prompt: t(
        "`AutoModel.from_pretrained(id)` and `BertForMaskedLM.from_pretrained(id)` load the same checkpoint. What differs?",
        "`AutoModel.from_pretrained(id)`와 `BertForMaskedLM.from_pretrained(id)`는 같은 체크포인트를 불러옵니다. 무엇이 다를까요?",
      ),
      options: [
        t("Nothing: both return the same class.", "아무것도 다르지 않습니다. 둘 다 같은 클래스를 돌려줍니다."),
        t("AutoModel returns the bare encoder without the masked-LM head.", "AutoModel은 MLM 헤드가 없는 인코더 본체를 돌려줍니다."),
        t("AutoModel downloads different weights.", "AutoModel은 다른 가중치를 내려받습니다."),
        t("BertForMaskedLM ignores config.json.", "BertForMaskedLM은 config.json을 무시합니다."),
      ],
      answer: 1,
      hints: [
        t("Compare the two `constructor.name` values printed above.", "위에서 출력한 두 `constructor.name` 값을 비교해 보세요."),
        t("One of the classes ends in the name of a task.", "두 클래스 중 하나는 이름이 작업(task) 이름으로 끝납니다."),
        t("Which one can score vocabulary words for a [MASK]?", "[MASK] 자리에 올 어휘 단어에 점수를 매길 수 있는 쪽은 어느 것일까요?"),
      ],
      explanation: t(
        "AutoModel builds BertModel (no task head); BertForMaskedLM adds the head that scores vocabulary words. The encoder weights are shared.",
        "AutoModel은 태스크 헤드가 없는 BertModel을 만들고, BertForMaskedLM은 어휘 점수를 매기는 헤드를 더합니다. 인코더 가중치는 같습니다.",
      ),
    }),
    quiz({
      id: "l02-hidden-count",
      type: "numeric",
      points: 1,
      prompt: t(
        "A BERT with `num_hidden_layers: 12` is called with `output_hidden_states: true`. How many tensors does `hidden_states` hold?",
        "`num_hidden_layers: 12`인 BERT를 `output_hidden_states: true`로 호출했습니다. `hidden_states`에는 텐서가 몇 개 들어 있을까요?",
      ),
      answer: 13,
      tolerance: 0.1,
      hints: [
        t("Our tiny model has 2 layers. How many hidden states did it return?", "우리의 작은 모델은 층이 2개입니다. 은닉 상태는 몇 개가 나왔나요?"),
        t("Count what goes in as well as what each layer gives out.", "각 층이 내놓는 것뿐 아니라 처음 들어가는 것도 세어 보세요."),
        t("The embeddings' output is the first entry; each layer adds one more.", "첫 항목은 임베딩의 출력이고, 층마다 하나씩 더해집니다."),
      ],
      explanation: t("One for the embeddings plus one per layer: 1 + 12 = 13.", "임베딩 출력 1개에 층마다 1개씩: 1 + 12 = 13개입니다."),
    }),
    quiz({
      id: "l02-attention-shape",
      type: "choice",
      points: 1,
      prompt: t("What is the shape of one entry of `attentions`?", "`attentions`의 원소 하나의 모양(shape)은 무엇일까요?"),
      options: [
        t("[batch, sequence, hidden_size]", "[배치, 시퀀스, hidden_size]"),
        t("[batch, heads, sequence, sequence]", "[배치, 헤드 수, 시퀀스, 시퀀스]"),
        t("[heads, hidden_size]", "[헤드 수, hidden_size]"),
        t("[batch, vocab_size]", "[배치, vocab_size]"),
      ],
      answer: 1,
      hints: [
        t("An attention map compares every token with every token, once per head.", "어텐션 맵은 헤드마다 모든 토큰 쌍을 비교합니다."),
        t("It has four dimensions.", "차원이 네 개입니다."),
        t("Batch first, then heads, then a square of tokens.", "배치가 먼저, 그다음 헤드, 그리고 토큰 × 토큰 정사각형입니다."),
      ],
      explanation: t(
        "For each sentence and head, a sequence × sequence matrix whose rows sum to 1.",
        "문장마다, 헤드마다 시퀀스 × 시퀀스 행렬이 하나씩 있고, 각 행의 합은 1입니다.",
      ),
    }),
    quiz({
      id: "l02-saved-files",
      type: "multiple",
      points: 1,
      prompt: t("Which files does `model.save_pretrained(dir)` write? (choose all)", "`model.save_pretrained(dir)`이 쓰는 파일을 모두 고르세요."),
      options: [t("config.json", "config.json"), t("model.safetensors", "model.safetensors"), t("vocab.txt", "vocab.txt"), t("trainer_state.json", "trainer_state.json")],
      answer: [0, 1],
      hints: [
        t("Look at the folder listing printed in section 6.", "6절에서 출력한 폴더 목록을 보세요."),
        t("A model saves its blueprint and its weights, nothing else.", "모델은 설계도와 가중치만 저장합니다."),
        t("Vocabulary files belong to the tokenizer, trainer_state.json to the Trainer.", "어휘 파일은 토크나이저의 것이고, trainer_state.json은 Trainer의 것입니다."),
      ],
      explanation: t(
        "The model saves its blueprint and its weights. Vocabulary files come from `tokenizer.save_pretrained`, trainer_state.json from the Trainer's checkpoints.",
        "모델은 설계도와 가중치만 저장합니다. 어휘 파일은 `tokenizer.save_pretrained`가, trainer_state.json은 Trainer의 체크포인트가 씁니다.",
      ),
    }),
    quiz({
      id: "l02-random",
      type: "choice",
      points: 1,
      prompt: t("What does `new BertForMaskedLM(config)` give you?", "`new BertForMaskedLM(config)`는 무엇을 만들까요?"),
      options: [
        t("The pre-trained model, downloaded from the Hub.", "허브에서 내려받은 사전학습 모델"),
        t("A model with the config's architecture and random weights.", "config의 구조를 가지되 가중치는 무작위인 모델"),
        t("A copy of the model the config came from, weights included.", "config를 꺼낸 모델의 복사본(가중치 포함)"),
        t("An error: a config cannot build a model.", "오류. config로는 모델을 만들 수 없습니다."),
      ],
      answer: 1,
      hints: [
        t("Compare the trained and random guesses for [MASK] in section 4.", "4절에서 학습된 모델과 무작위 모델의 [MASK] 추측을 비교해 보세요."),
        t("A config holds sizes, not numbers learned from data.", "config에는 크기 같은 설정이 있을 뿐, 데이터에서 배운 숫자는 없습니다."),
        t("Did the freshly built model guess [MASK] sensibly?", "새로 만든 모델은 [MASK]를 그럴듯하게 맞혔나요?"),
      ],
      explanation: t(
        "A config is only the blueprint. Training (or from_pretrained) supplies the weights.",
        "config는 설계도일 뿐입니다. 가중치는 학습을 하거나 from_pretrained로 불러와야 생깁니다.",
      ),
    }),
    quiz({
      id: "l02-load-method",
      type: "text",
      points: 1,
      prompt: t(
        "Which static method loads a model from a model id or a saved folder? (method name only)",
        "모델 id나 저장된 폴더에서 모델을 불러오는 정적 메서드의 이름은 무엇일까요? (메서드 이름만)",
      ),
      answers: ["from_pretrained"],
      hints: [
        t("It is the counterpart of `save_pretrained`.", "`save_pretrained`의 짝입니다."),
        t("It is a static method of every model class, such as `AutoModel.…(id)`.", "모든 모델 클래스의 정적 메서드로, `AutoModel.…(id)`처럼 부릅니다."),
        t("It starts with `from_`.", "`from_`으로 시작합니다."),
      ],
      explanation: t("`from_pretrained` reads config.json and the weights, from an id or a local folder.", "`from_pretrained`는 id나 로컬 폴더에서 config.json과 가중치를 읽습니다."),
    }),
    quiz({
      id: "l02-hidden-size",
      type: "code",
      points: 2,
      prompt: t(
        "Load the folder `myBert` again with `AutoModel` into `myModel`, run it on `encoded`, and store the size of one token vector (the last number of `last_hidden_state.shape`) in `tokenVectorSize`.",
        "폴더 `myBert`를 `AutoModel`로 다시 불러와 `myModel`에 담고, `encoded`를 넣어 실행한 뒤, 토큰 벡터 하나의 크기(`last_hidden_state.shape`의 마지막 값)를 `tokenVectorSize`에 저장하세요.",
      ),
      solution: `
        // BEGIN SOLUTION
        const myModel = await AutoModel.from_pretrained(myBert);
        const myOutputs = await myModel(encoded);
        const tokenVectorSize = myOutputs.last_hidden_state.shape[2];
        // END SOLUTION
      `,
      tests: `
        assert.equal(myModel.constructor.name, "BertModel", "load it with AutoModel");
        assert.equal(tokenVectorSize, myModel.config.hidden_size, "the token vector size is the config's hidden_size");
      `,
      hints: [
        t("The shape is [batch, sequence, hidden_size].", "모양은 [배치, 시퀀스, hidden_size]입니다."),
        t("`AutoModel.from_pretrained` takes a folder just as it takes an id; call the model with `await myModel(encoded)`.", "`AutoModel.from_pretrained`는 id처럼 폴더도 받습니다. 모델은 `await myModel(encoded)`로 부르세요."),
        t("`shape` is an array: take its element at index 2.", "`shape`는 배열입니다. 인덱스 2의 값을 꺼내세요."),
      ],
      explanation: t(
        "The last dimension of last_hidden_state is `config.hidden_size` (128 for this tiny BERT, 768 for bert-base).",
        "last_hidden_state의 마지막 차원은 `config.hidden_size`입니다(이 작은 BERT는 128, bert-base는 768).",
      ),
    }),
    quiz({
      id: "l02-hand-ids",
      type: "text",
      points: 1,
      prompt: t(
        "You wrote the ids yourself in a tensor `model_inputs`. Under which name do you pass it to the model: `await model({ ???: model_inputs })`?",
        "id를 직접 써서 텐서 `model_inputs`를 만들었습니다. 모델에는 어떤 이름으로 넘길까요? `await model({ ???: model_inputs })`",
      ),
      answers: ["input_ids"],
      hints: [
        t("It is the same key the tokenizer's output uses for the ids.", "토크나이저 출력에서 id가 들어 있는 키와 같습니다."),
        t("The other keys are `attention_mask` and `token_type_ids`.", "다른 키로는 `attention_mask`와 `token_type_ids`가 있습니다."),
      ],
      explanation: t(
        "`input_ids`: a model takes its inputs by name, so hand-made ids go in under the same name as the tokenizer's.",
        "`input_ids`입니다. 모델은 입력을 이름으로 받으므로, 손으로 만든 id도 토크나이저 출력과 같은 이름으로 넘깁니다.",
      ),
    }),
  ],
};
