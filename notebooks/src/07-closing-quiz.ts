import { Lesson, code, md, quiz, t } from "./lesson";

// Lesson 7: a closing quiz across the course, with a short review and one last demo.
export const lesson: Lesson = {
  name: "07-closing-quiz",
  title: t("Lesson 7 — Closing quiz", "7강 — 종합 퀴즈"),
  cells: [
    md(
      `
      # Lesson 7 — Closing quiz

      You have met every part of the framework: \`pipeline\`, the tokenizer, the model, the config, the
      Trainer and the Hub. Before the questions, one more model you have not used yet, and a short
      review of how the parts fit together.

      ## A last demo: text generation

      The course also ships a tiny GPT-2 trained on the Brown corpus. GPT-2 is a *causal* language
      model: it predicts the next token from the ones before it, so it can continue a text. It is very
      small and was trained only briefly (its card in \`models/gpt2-tiny-brown/README.md\` says how
      briefly), so expect frequent words and repetition rather than sense — the mechanics are the same
      as in the largest models.
      `,
      `
      # 7강 — 종합 퀴즈

      지금까지 프레임워크의 모든 부분을 만나 보았습니다. \`pipeline\`, 토크나이저, 모델, config, Trainer, 그리고
      허브입니다. 문제를 풀기 전에 아직 써 보지 않은 모델 하나를 더 보고, 각 부분이 어떻게 맞물리는지 짧게
      복습하겠습니다.

      ## 마지막 데모: 텍스트 생성

      강의에는 Brown 코퍼스로 학습한 아주 작은 GPT-2도 들어 있습니다. GPT-2는 앞의 토큰들을 보고 다음 토큰을
      예측하는 *인과적(causal)* 언어 모델이라서 글을 이어 쓸 수 있습니다. 모델이 매우 작고 학습도 짧게만
      했기 때문에(얼마나 짧았는지는 \`models/gpt2-tiny-brown/README.md\` 모델 카드에 있습니다), 뜻이 통하는 글보다는
      자주 나오는 단어와 반복이 나올 것입니다. 그래도 동작 원리는 가장 큰 모델과 똑같습니다.
      `,
    ),
    code(`
      const generator = await pipeline("text-generation", { model: "transformers-lab/gpt2-tiny-brown" });
      await generator("The committee said that", { max_new_tokens: 20, do_sample: false });
    `),
    md(
      `
      Behind the pipeline, the same three steps as in lesson 1 — only the model and the
      post-processing differ: the model is called again and again, and each time the most likely next
      token is appended.
      `,
      `
      파이프라인 뒤에서는 1강과 같은 세 단계가 일어납니다. 다른 점은 모델과 후처리뿐입니다. 모델을 여러 번
      호출하면서, 매번 가장 가능성이 높은 다음 토큰을 뒤에 붙여 나갑니다.
      `,
    ),
    code(`
      const gptTokenizer = await AutoTokenizer.from_pretrained("transformers-lab/gpt2-tiny-brown");
      const gptModel = await AutoModelForCausalLM.from_pretrained("transformers-lab/gpt2-tiny-brown");
      const prompt = gptTokenizer("The committee said that", { return_tensors: "pt" });
      const generated = await gptModel.generate(prompt.input_ids, { max_new_tokens: 20, do_sample: false });
      gptTokenizer.decode(generated.tolist()[0], { skip_special_tokens: true });
    `),
    md(
      `
      ## Review

      | part | class | in one sentence |
      |---|---|---|
      | task | \`pipeline(task)\` | tokenizer → model → post-processing, with a default model |
      | text → ids | \`AutoTokenizer\` | must be the tokenizer the model was trained with |
      | blueprint | \`AutoConfig\`, \`BertConfig\` | sizes and labels, no weights |
      | weights | \`AutoModel…\`, \`from_pretrained\` | config → architecture → trained weights |
      | training | \`TrainingArguments\`, \`Trainer\` | the loop, metrics, checkpoints |
      | sharing | the Hub | repositories of config, weights, tokenizer and card; a shared cache |

      ## Questions

      Each question is worth points; your answers are recorded in the notebook. Use the code cells
      freely to check an idea before answering.
      `,
      `
      ## 복습

      | 부분 | 클래스 | 한 줄 요약 |
      |---|---|---|
      | 태스크 | \`pipeline(task)\` | 토크나이저 → 모델 → 후처리, 기본 모델 제공 |
      | 텍스트 → id | \`AutoTokenizer\` | 반드시 모델과 함께 학습된 토크나이저여야 함 |
      | 설계도 | \`AutoConfig\`, \`BertConfig\` | 크기와 레이블, 가중치는 없음 |
      | 가중치 | \`AutoModel…\`, \`from_pretrained\` | config → 구조 → 학습된 가중치 |
      | 학습 | \`TrainingArguments\`, \`Trainer\` | 학습 루프, 평가 지표, 체크포인트 |
      | 공유 | 허브 | config, 가중치, 토크나이저, 모델 카드로 이루어진 저장소와 공유 캐시 |

      ## 문제

      문제마다 배점이 있고, 답은 노트북에 기록됩니다. 답하기 전에 코드 셀에서 마음껏 확인해 보세요.
      `,
    ),
    quiz({
      id: "l07-strengths",
      type: "multiple",
      points: 1,
      prompt: t(
        "Which are real strengths of a Hugging Face-style framework compared with using each paper's research code? (choose all)",
        "논문마다 공개된 리서치 코드를 쓰는 것과 비교해, Hugging Face 방식 프레임워크의 실제 장점을 모두 고르세요.",
      ),
      options: [
        t("Many architectures behind one consistent interface (from_pretrained, save_pretrained, AutoModel…).", "여러 모델 구조를 하나의 일관된 인터페이스(from_pretrained, save_pretrained, AutoModel…)로 다룬다."),
        t("New models and pre-trained checkpoints become available quickly.", "새로운 모델과 사전학습 체크포인트를 빠르게 쓸 수 있다."),
        t("Pre-trained models never need fine-tuning.", "사전학습 모델은 파인튜닝할 필요가 전혀 없다."),
        t("A well-designed structure: tokenizer, model, config and trainer are separate, reusable parts.", "토크나이저, 모델, config, 트레이너가 분리된 재사용 가능한 부품으로 잘 설계되어 있다."),
      ],
      answer: [0, 1, 3],
      hints: [
        t("In lesson 5 we fine-tuned a pre-trained model. Why?", "5강에서 사전학습 모델을 파인튜닝했습니다. 왜 그랬을까요?"),
        t("Think of what one interface and many checkpoints give you.", "하나의 인터페이스와 많은 체크포인트가 무엇을 주는지 생각해 보세요."),
        t("One statement is too good to be true.", "보기 하나는 너무 좋아서 사실일 수 없습니다."),
      ],
      explanation: t(
        "Broad and fast model support, one interface and a modular design; pre-trained models still usually need fine-tuning for your task.",
        "광범위하고 빠른 모델 지원, 하나의 인터페이스, 모듈화된 설계가 장점입니다. 사전학습 모델도 내 태스크에 맞추려면 대개 파인튜닝이 필요합니다.",
      ),
    }),
    quiz({
      id: "l07-mismatch",
      type: "choice",
      points: 1,
      prompt: t(
        "A model is used with a tokenizer other than its own. What is the most likely result?",
        "모델을 자기 것이 아닌 다른 토크나이저와 함께 썼습니다. 가장 그럴듯한 결과는 무엇일까요?",
      ),
      options: [
        t("It refuses to run.", "실행 자체를 거부한다."),
        t("Words are split and numbered differently, so the model misreads the input and performs badly.", "단어를 다르게 자르고 번호 매기므로, 모델이 입력을 잘못 읽어 성능이 크게 떨어진다."),
        t("It runs slower but gives the same answers.", "느려지지만 답은 같다."),
        t("The tokenizer retrains itself.", "토크나이저가 스스로 다시 학습한다."),
      ],
      answer: 1,
      hints: [
        t("Remember the decodes of lesson 3, section 5.", "3강 5절의 디코딩 결과를 떠올려 보세요."),
        t("Do the two vocabularies give the same id to the same piece?", "두 어휘가 같은 조각에 같은 id를 줄까요?"),
        t("Nothing fails loudly: the ids are still valid numbers.", "눈에 띄는 오류는 없습니다. id는 여전히 올바른 숫자입니다."),
      ],
      explanation: t(
        "The ids stay valid numbers, so nothing fails loudly — the model just reads different words than you meant.",
        "id는 여전히 유효한 숫자라서 요란한 오류는 나지 않습니다. 모델이 우리가 의도한 것과 다른 단어를 읽을 뿐입니다.",
      ),
    }),
    quiz({
      id: "l07-auto",
      type: "choice",
      points: 1,
      prompt: t("How does `AutoModelForSequenceClassification` know which architecture to build?", "`AutoModelForSequenceClassification`은 어떤 구조를 만들지 어떻게 알까요?"),
      options: [
        t("It guesses from the size of the weights file.", "가중치 파일의 크기로 추측한다."),
        t("From `model_type` in the checkpoint's config.json.", "체크포인트 config.json의 `model_type`을 보고 안다."),
        t("From the tokenizer's vocabulary.", "토크나이저의 어휘 사전을 보고 안다."),
        t("It always builds a BERT.", "항상 BERT를 만든다."),
      ],
      answer: 1,
      hints: [
        t("Lessons 2 and 4: what does AutoConfig read first?", "2강과 4강: AutoConfig가 가장 먼저 읽는 것은 무엇일까요?"),
        t("Which file of a checkpoint describes the architecture?", "체크포인트의 어느 파일이 아키텍처를 설명할까요?"),
        t("One field of config.json names the family: \"bert\", \"gpt2\" …", "config.json의 한 필드가 계열 이름을 담고 있습니다: \"bert\", \"gpt2\" …"),
      ],
      explanation: t("config.json's model_type selects the config class and, with it, the model class.", "config.json의 model_type이 config 클래스를, 그리고 그에 맞는 모델 클래스를 정합니다."),
    }),
    quiz({
      id: "l07-sep",
      type: "numeric",
      points: 1,
      prompt: t(
        "How many tokens does bert-base-uncased produce for `\"hello world\"` (special tokens included)?",
        "bert-base-uncased는 `\"hello world\"`를 특수 토큰까지 포함해 몇 개의 토큰으로 만들까요?",
      ),
      answer: 4,
      tolerance: 0.1,
      hints: [
        t("Two common words, plus the tokens BERT adds at both ends. You can check in a code cell.", "흔한 단어 두 개에, BERT가 양 끝에 붙이는 토큰을 더하세요. 코드 셀에서 확인해 봐도 됩니다."),
        t("\"hello\" and \"world\" are each one token in the uncased vocabulary.", "\"hello\"와 \"world\"는 uncased 어휘에서 각각 토큰 하나입니다."),
        t("BERT adds [CLS] at the start and [SEP] at the end.", "BERT는 맨 앞에 [CLS], 맨 끝에 [SEP]을 붙입니다."),
      ],
      explanation: t("[CLS] hello world [SEP] = 4 tokens.", "[CLS] hello world [SEP], 모두 4개입니다."),
    }),
    quiz({
      id: "l07-random-init",
      type: "choice",
      points: 1,
      prompt: t(
        "`new BertModel(new BertConfig({ num_hidden_layers: 10 }))` — what do you get?",
        "`new BertModel(new BertConfig({ num_hidden_layers: 10 }))`는 무엇을 만들까요?",
      ),
      options: [
        t("bert-base with its last two layers removed, still pre-trained.", "마지막 두 층을 뺀 bert-base(여전히 사전학습된 상태)"),
        t("A 10-layer BERT with random weights that must be trained.", "학습이 필요한, 무작위 가중치의 10층 BERT"),
        t("An error: BERT must have 12 layers.", "오류. BERT는 12층이어야 한다."),
        t("A 10-layer BERT downloaded from the Hub.", "허브에서 내려받은 10층 BERT"),
      ],
      answer: 1,
      hints: [
        t("Where do weights come from: the config or the checkpoint?", "가중치는 config에서 올까요, 체크포인트에서 올까요?"),
        t("A config is only a blueprint.", "config는 설계도일 뿐입니다."),
        t("Nothing was loaded, so the weights are random.", "아무것도 불러오지 않았으니 가중치는 무작위입니다."),
      ],
      explanation: t("A config only builds the architecture; weights come from training or from_pretrained.", "config는 구조만 만들고, 가중치는 학습이나 from_pretrained에서 옵니다."),
    }),
    quiz({
      id: "l07-lr-where",
      type: "text",
      points: 1,
      prompt: t(
        "You want to change the learning rate of a fine-tuning run. Which class takes it? (class name)",
        "파인튜닝의 학습률을 바꾸고 싶습니다. 어떤 클래스에 넘겨야 할까요? (클래스 이름)",
      ),
      answers: ["trainingarguments"],
      hints: [
        t("Not the config: it is a training setting.", "config가 아닙니다. 학습 설정입니다."),
        t("It is the class whose options include num_train_epochs.", "num_train_epochs를 옵션으로 받는 클래스입니다."),
        t("Training + Arguments, written as one word.", "Training + Arguments를 한 단어로 붙여 쓴 이름입니다."),
      ],
      explanation: t("TrainingArguments({ learning_rate: … }); the config describes the model only.", "TrainingArguments({ learning_rate: … })입니다. config는 모델만 설명합니다."),
    }),
    quiz({
      id: "l07-hidden-states",
      type: "numeric",
      points: 1,
      prompt: t(
        "The bundled `bert-tiny-brown` has 2 layers. How many entries does `hidden_states` have when you ask for them?",
        "강의용 `bert-tiny-brown`은 층이 2개입니다. `hidden_states`를 요청하면 몇 개가 나올까요?",
      ),
      answer: 3,
      tolerance: 0.1,
      hints: [
        t("Layers + 1.", "층 수 + 1입니다."),
        t("Count the embeddings' output as well.", "임베딩의 출력도 세어야 합니다."),
        t("2 layers + 1.", "층 2개 + 1입니다."),
      ],
      explanation: t("The embedding output plus one per layer: 3.", "임베딩 출력 1개와 층마다 1개씩, 모두 3개입니다."),
    }),
    quiz({
      id: "l07-by-hand",
      type: "code",
      points: 3,
      prompt: t(
        "Do the pipeline's work by hand: write `classify(text)` that tokenizes `text` with the tokenizer of `transformers-lab/bert-tiny-sentiment`, runs its model, applies a softmax and returns `{ label, score }` for the most likely label — the same answer `pipeline(\"sentiment-analysis\")` gives.",
        "파이프라인이 하는 일을 직접 해 보세요. `transformers-lab/bert-tiny-sentiment`의 토크나이저로 `text`를 토큰화하고, 모델을 실행하고, 소프트맥스를 적용해 가장 가능성 높은 레이블의 `{ label, score }`를 돌려주는 `classify(text)`를 작성하세요. `pipeline(\"sentiment-analysis\")`와 같은 답이 나와야 합니다.",
      ),
      solution: `
        const sentimentTokenizer = await AutoTokenizer.from_pretrained("transformers-lab/bert-tiny-sentiment");
        const sentimentModel = await AutoModelForSequenceClassification.from_pretrained("transformers-lab/bert-tiny-sentiment");
        async function classify(text: string): Promise<{ label: string; score: number }> {
          // BEGIN SOLUTION
          const inputs = sentimentTokenizer(text, { truncation: true, return_tensors: "pt" });
          const logits: number[] = (await sentimentModel(inputs)).logits.tolist()[0];
          const max = Math.max(...logits);
          const exps = logits.map((z) => Math.exp(z - max));
          const total = exps.reduce((a, b) => a + b, 0);
          const best = logits.indexOf(max);
          return { label: sentimentModel.config.id2label[best], score: exps[best] / total };
          // END SOLUTION
        }
      `,
      tests: `
        const reference = await pipeline("sentiment-analysis");
        for (const text of ["I love this wonderful day.", "This is a terrible, awful mistake."]) {
          const mine = await classify(text);
          const theirs = (await reference(text))[0];
          assert.equal(mine.label, theirs.label);
          assert.close(mine.score, theirs.score, 1e-4);
        }
      `,
      hidden_tests: `
        const other = await classify("The report was filed on Tuesday.");
        const expected = (await (await pipeline("sentiment-analysis"))("The report was filed on Tuesday."))[0];
        assert.equal(other.label, expected.label);
        assert.close(other.score, expected.score, 1e-4);
      `,
      hints: [
        t("Lesson 1, sections 3–5: tokenizer, model, softmaxRow, id2label.", "1강 3~5절: 토크나이저, 모델, softmaxRow, id2label."),
        t("Load with `AutoTokenizer.from_pretrained` and `AutoModelForSequenceClassification.from_pretrained`; call the model on `tokenizer(text, { return_tensors: \"pt\" })`.", "`AutoTokenizer.from_pretrained`와 `AutoModelForSequenceClassification.from_pretrained`로 불러오고, `tokenizer(text, { return_tensors: \"pt\" })`로 모델을 부르세요."),
        t("Take `softmaxRow(logits.tolist()[0])`, find the index of the largest probability and name it with `model.config.id2label[index]`.", "`softmaxRow(logits.tolist()[0])`를 구하고, 가장 큰 확률의 인덱스를 찾아 `model.config.id2label[index]`로 이름을 붙이세요."),
      ],
      explanation: t(
        "That is all a text-classification pipeline does: tokenize, run the model, softmax, and name the best column with id2label.",
        "텍스트 분류 파이프라인이 하는 일은 이것이 전부입니다. 토큰화하고, 모델을 실행하고, 소프트맥스를 취하고, 가장 높은 열에 id2label로 이름을 붙입니다.",
      ),
    }),
    code(`
      quiz.summary();
    `),
    md(
      `
      ## Where to go next

      - Fine-tune the tiny BERT on a data set of your own: \`load_dataset("csv", { data_files: "my.csv" })\`.
      - Train a tokenizer on your own corpus (lesson 3) and pre-train a small model with it.
      - Read the model cards in \`models/\`: each states honestly how its model was trained and how good it is.

      Well done — you have finished the course. 🤗
      `,
      `
      ## 다음 단계

      - 직접 만든 데이터셋으로 작은 BERT를 파인튜닝해 보세요: \`load_dataset("csv", { data_files: "my.csv" })\`.
      - 내 코퍼스로 토크나이저를 학습하고(3강), 그 토크나이저로 작은 모델을 사전학습해 보세요.
      - \`models/\` 폴더의 모델 카드를 읽어 보세요. 각 모델을 어떻게 학습했고 성능이 어떤지 정직하게 적혀 있습니다.

      수고 많으셨습니다. 이것으로 강의를 모두 마쳤습니다. 🤗
      `,
    ),
    quiz({
      id: "l07-korean",
      type: "choice",
      points: 1,
      prompt: t(
        "bert-base-cased turns `피곤했지만 뿌듯한 나날이었다.` into `[UNK] [UNK] [UNK] .`. What made the same sentence come out as real subwords in lesson 3?",
        "bert-base-cased는 `피곤했지만 뿌듯한 나날이었다.`를 `[UNK] [UNK] [UNK] .`로 바꿉니다. 3강에서 같은 문장이 진짜 서브워드로 나뉜 것은 무엇 덕분일까요?",
      ),
      options: [
        t("A longer max_length", "더 긴 max_length"),
        t("A new vocabulary learned from Korean sentences with train_new_from_iterator", "train_new_from_iterator로 한국어 문장에서 새로 학습한 어휘 사전"),
        t("Lower-casing the sentence", "문장을 소문자로 바꾼 것"),
        t("A bigger model", "더 큰 모델"),
      ],
      answer: 1,
      hints: [
        t("[UNK] is a tokenizer problem, not a model problem.", "[UNK]는 모델이 아니라 토크나이저의 문제입니다."),
        t("The English vocabulary has no pieces to spell Hangul words with.", "영어 어휘 사전에는 한글 단어를 만들 조각이 없습니다."),
      ],
      explanation: t(
        "WordPiece can only spell a word from pieces in its vocabulary. A vocabulary trained on Korean text holds Korean pieces such as 피곤 and ##했지만.",
        "WordPiece는 어휘 사전에 있는 조각으로만 단어를 만들 수 있습니다. 한국어 텍스트로 학습한 어휘 사전에는 피곤, ##했지만 같은 한국어 조각이 들어 있습니다.",
      ),
    }),
  ],
};
