import { Lesson, code, codeWithFigures, md, quiz, t } from "./lesson";

// Lesson 1: where the library stands among NLP frameworks and what it is made of; the pipeline, and
// the three steps hidden inside it.
export const lesson: Lesson = {
  name: "01-pipeline",
  title: t("Lesson 1 — pipeline(), and what happens behind it", "1강 — pipeline(), 그리고 그 뒤에서 일어나는 일"),
  cells: [
    md(
      `
      # Lesson 1 — \`pipeline()\`, and what happens behind it

      Research code for NLP models used to come in every shape: one repository per paper, each with its
      own style, its own framework and its own way of loading weights. Libraries in the style of
      Hugging Face **transformers** changed that by giving every model the same handful of classes:
      a **tokenizer** that turns text into numbers, a **model** that turns numbers into scores, a
      **config** that describes the model, and a **Trainer** that fits it to data.

      This course uses *Transformers Lab*, a TypeScript version of that interface. The names are the
      Python library's names (\`AutoTokenizer.from_pretrained\`, \`input_ids\`, \`num_train_epochs\`), so
      what you learn here transfers directly. Every name is already imported in this notebook.

      **In this lesson you will**
      0. place the library among other NLP frameworks and meet the parts it is made of,
      1. run a ready-made sentiment classifier with one line,
      2. take it apart into *tokenizer → model → post-processing*,
      3. compute the probabilities yourself with a softmax,
      4. see why a model trained on English misjudges a Korean sentence.

      Everything runs offline on small models that ship with the course (ids that start with
      \`transformers-lab/\`).
      `,
      `
      # 1강 — \`pipeline()\`, 그리고 그 뒤에서 일어나는 일

      예전에는 NLP 모델을 써 보려면 논문마다 공개된 리서치 코드를 하나하나 내려받아야 했습니다. 저장소마다
      코드 스타일도, 사용하는 프레임워크도, 가중치를 불러오는 방법도 제각각이었죠. Hugging Face
      **transformers** 같은 라이브러리는 이 문제를 "모든 모델을 같은 몇 개의 클래스로 다룬다"는 방식으로
      풀었습니다. 텍스트를 숫자로 바꾸는 **토크나이저(tokenizer)**, 숫자를 점수로 바꾸는 **모델(model)**,
      모델의 구조를 적어 둔 **설정(config)**, 그리고 모델을 데이터에 맞춰 학습시키는 **Trainer**입니다.

      이 강의에서는 그 인터페이스를 TypeScript로 옮긴 *Transformers Lab*을 사용합니다. 이름은 파이썬
      라이브러리와 똑같기 때문에(\`AutoTokenizer.from_pretrained\`, \`input_ids\`, \`num_train_epochs\`)
      여기서 익힌 내용을 파이썬에서도 그대로 쓸 수 있습니다. 필요한 이름은 노트북에 이미 모두 import되어
      있습니다.

      **이번 강의의 목표**
      0. 여러 NLP 프레임워크 가운데 이 라이브러리의 자리를 알아보고, 라이브러리를 이루는 부품들을 만나 봅니다.
      1. 이미 만들어진 감성 분류기를 코드 한 줄로 실행해 봅니다.
      2. 그 안을 *토크나이저 → 모델 → 후처리* 세 단계로 나누어 봅니다.
      3. 소프트맥스(softmax)로 확률을 직접 계산해 봅니다.
      4. 영어로 학습한 모델이 한국어 문장을 왜 엉뚱하게 판단하는지 확인합니다.

      모든 실습은 강의와 함께 배포되는 작은 모델(\`transformers-lab/\`으로 시작하는 id)로 오프라인에서
      동작합니다.
      `,
    ),
    md(
      `
      ## 0. NLP frameworks, and why this one

      A *framework* is the skeleton of a project: classes and interfaces that already follow the best
      practice of a field, which you extend instead of starting from nothing. NLP has had several.

      **General NLP frameworks** aim to cover any NLP problem, from data to evaluation:
      - **AllenNLP** (Allen Institute for AI, PyTorch) grew out of the work on the ELMo embeddings; it
        separates the task from the model, so one model can serve many tasks and one task many models.
      - **Fairseq** (Meta's AI research lab, PyTorch) covers sequence models in general — translation,
        language models, speech — with many pre-trained models.
      - **fast.ai** (PyTorch) offers high-level building blocks for learning quickly, in NLP and beyond.
      - **tensor2tensor** (Google Brain, TensorFlow) came with the Transformer paper; its successor is
        **Trax**.

      **Pre-processing libraries** do one job well — tokenizing, tagging, parsing — rather than the whole
      path from data to model: **spaCy**, **NLTK**, **TorchText**, and for Korean **KoNLPy** (morphological
      analysers such as Okt, Komoran and Mecab behind one interface).

      **Transformer-based: Hugging Face transformers.** It began as a PyTorch wrapper for pre-trained
      BERT and became the most widely used NLP framework. It centres on *pre-trained* models and on the
      subword tokenizers those models use. Three things set it apart:
      1. **Broad and fast model support**: new models from papers arrive quickly, together with their
         pre-trained weights, tokenizers and data sets.
      2. **Several back ends**: the same checkpoint runs with PyTorch, TensorFlow or JAX. Transformers Lab
         is one more front end on the same files: a TypeScript interface whose compute runs on
         onnxruntime, loading weights saved under PyTorch's parameter names.
      3. **A well-designed structure**: the same few parts, whatever the model, task or data set.

      | part | its job | in this course |
      |---|---|---|
      | Processors | turn a data set into the features a task needs | \`load_dataset\`, \`map\`, data collators |
      | Tokenizer | text → ids | \`AutoTokenizer\` (lesson 3) |
      | Model | ids → hidden states, logits | \`AutoModel…\` (lesson 2) |
      | Optimization | the optimizer and the learning-rate schedule (warm-up, decay) | \`AdamW\`, \`get_linear_schedule_with_warmup\` |
      | Trainer | the whole training loop | \`Trainer\`, \`TrainingArguments\` (lesson 5) |
      | Config | everything needed to rebuild the model | \`AutoConfig\` (lesson 4) |

      They all exist in this notebook already:
      `,
      `
      ## 0. NLP 프레임워크, 그리고 왜 이 프레임워크인가

      *프레임워크(framework)*는 프로젝트의 뼈대입니다. 그 분야의 모범 사례를 이미 반영해 둔 클래스와
      인터페이스의 모음이라, 처음부터 만들지 않고 확장해서 쓰면 됩니다. NLP 분야에도 여러 프레임워크가
      있었습니다.

      **범용 NLP 프레임워크**는 데이터부터 평가까지, 어떤 NLP 문제든 다루는 것을 목표로 합니다.
      - **AllenNLP**(Allen AI 연구소, PyTorch)는 ELMo 임베딩 연구에서 출발했습니다. 태스크와 모델을 분리해서,
        모델 하나로 여러 태스크를, 태스크 하나를 여러 모델로 풀 수 있게 설계했습니다.
      - **Fairseq**(Meta AI 연구소, PyTorch)는 번역, 언어 모델, 음성까지 시퀀스 모델 전반을 다루며 사전학습
        모델을 많이 제공합니다.
      - **fast.ai**(PyTorch)는 빠르게 배우고 쉽게 모델을 만들 수 있는 고수준 블록을 제공하며, NLP 밖으로도
        확장됩니다.
      - **tensor2tensor**(Google Brain, TensorFlow)는 Transformer 논문과 함께 공개되었고, 지금은 **Trax**가 그
        뒤를 잇습니다.

      **전처리 라이브러리**는 데이터에서 모델까지 전 과정을 다루기보다 토큰화, 품사 태깅, 구문 분석 같은 한
      가지 일을 잘합니다. **spaCy**, **NLTK**, **TorchText**가 있고, 한국어에는 Okt, Komoran, Mecab 같은
      형태소 분석기를 하나의 인터페이스로 묶은 **KoNLPy**가 있습니다.

      **Transformer 기반: Hugging Face transformers.** 사전학습된 BERT를 쓰기 위한 PyTorch 래퍼로 시작해, 지금은
      가장 널리 쓰이는 NLP 프레임워크가 되었습니다. *사전학습 모델*과 그 모델들이 쓰는 서브워드 토크나이저에
      집중한다는 점이 특징입니다. 다른 프레임워크와 다른 점은 세 가지입니다.
      1. **넓고 빠른 모델 지원**: 논문으로 발표된 새 모델이 사전학습 가중치, 토크나이저, 데이터셋과 함께
         빠르게 들어옵니다.
      2. **여러 백엔드**: 같은 체크포인트를 PyTorch, TensorFlow, JAX에서 모두 쓸 수 있습니다. Transformers
         Lab도 같은 파일을 쓰는 또 하나의 프런트엔드입니다. 인터페이스는 TypeScript이고, 계산은 onnxruntime이
         맡으며, 가중치는 PyTorch의 파라미터 이름 그대로 저장된 파일에서 읽습니다.
      3. **잘 설계된 구조**: 모델, 태스크, 데이터셋이 달라져도 같은 몇 가지 부품으로 다룹니다.

      | 부품 | 하는 일 | 이 강의에서 |
      |---|---|---|
      | Processors | 데이터셋을 태스크에 맞는 입력으로 가공 | \`load_dataset\`, \`map\`, 데이터 콜레이터 |
      | Tokenizer | 텍스트 → id | \`AutoTokenizer\` (3강) |
      | Model | id → 은닉 상태, 로짓 | \`AutoModel…\` (2강) |
      | Optimization | 옵티마이저와 학습률 스케줄(워밍업, 감소) | \`AdamW\`, \`get_linear_schedule_with_warmup\` |
      | Trainer | 학습 과정 전체 | \`Trainer\`, \`TrainingArguments\` (5강) |
      | Config | 모델을 다시 만드는 데 필요한 모든 설정 | \`AutoConfig\` (4강) |

      이 부품들은 이 노트북에 이미 모두 들어 있습니다.
      `,
    ),
    code(`
      // [en] Each part names its classes; a name missing from the notebook would not compile [ko] 부품마다 클래스를 적었습니다. 노트북에 없는 이름이라면 컴파일되지 않습니다
      const parts = {
        Processors: { load_dataset, DataCollatorWithPadding },
        Tokenizer: { AutoTokenizer },
        Model: { AutoModelForSequenceClassification },
        Optimization: { AdamW, get_linear_schedule_with_warmup },
        Trainer: { Trainer, TrainingArguments },
        Config: { AutoConfig },
      };
      Object.fromEntries(Object.entries(parts).map(([part, names]) => [part, Object.entries(names).map(([name, value]) => name + " (" + typeof value + ")").join(", ")]));
    `),
    md(
      `
      *Optimization* in one picture: the usual schedule warms the learning rate up for a few steps, then
      lowers it linearly to zero. Here with 2 warm-up steps out of 10:
      `,
      `
      *Optimization*을 한눈에 보면: 흔히 쓰는 스케줄은 처음 몇 스텝 동안 학습률을 서서히 올리고(워밍업), 그 뒤로는
      0까지 일정하게 낮춥니다. 전체 10스텝 중 워밍업이 2스텝인 경우입니다.
      `,
    ),
    codeWithFigures(
      { peak_step: 2, peak_rate: "5.0e-5", last_rate: 0 },
      `
      const optimizer = new AdamW([new Parameter(new Float32Array([0]))], { lr: 5e-5 }); // [en] one dummy weight is enough to see the schedule [ko] 스케줄을 보는 데는 가짜 가중치 하나면 충분합니다
      const schedule = get_linear_schedule_with_warmup(optimizer, 2, 10);
      const rates = [schedule.get_last_lr()[0]];
      for (let step = 1; step <= 10; step++) {
        schedule.step();
        rates.push(schedule.get_last_lr()[0]);
      }
      console.log(rates.map((rate, step) => \`step \${step}: \${rate.toExponential(1)}\`).join("\\n"));
      ({ peak_step: rates.indexOf(Math.max(...rates)), peak_rate: Math.max(...rates).toExponential(1), last_rate: rates[10] });
      `,
    ),
    md(
      `
      The rate climbs to its peak at step 2 and reaches 0 at step 10. Lesson 5 lets the Trainer do this
      for you (\`warmup_steps\` in \`TrainingArguments\`).

      ## 1. One line: \`pipeline("sentiment-analysis")\`

      A *pipeline* bundles everything needed for one task. Ask for a task without naming a model and
      you get the course's default for it. The call is asynchronous (it reads files), so we \`await\` it.
      `,
      `
      학습률은 2스텝에서 가장 높아졌다가 10스텝에서 0이 됩니다. 5강에서는 Trainer가 이 일을 대신 해 줍니다
      (\`TrainingArguments\`의 \`warmup_steps\`).

      ## 1. 코드 한 줄: \`pipeline("sentiment-analysis")\`

      *파이프라인(pipeline)*은 하나의 태스크에 필요한 것을 모두 묶어 둔 객체입니다. 모델 이름 없이 태스크만
      지정하면 강의에 포함된 기본 모델을 사용합니다. 파일을 읽어야 하므로 비동기 함수이고, 그래서 \`await\`를
      붙입니다.
      `,
    ),
    code(`
      const classifier = await pipeline("sentiment-analysis");
      await classifier("We are very happy to include pipeline into this course.");
    `),
    md(
      `
      The answer is a list with one \`{ label, score }\` per input. Pass several sentences at once and
      you get one result per sentence:
      `,
      `
      결과는 입력마다 \`{ label, score }\` 하나씩을 담은 리스트입니다. 여러 문장을 한꺼번에 넣으면 문장마다
      결과가 하나씩 나옵니다.
      `,
    ),
    code(`
      const sentences = [
        "I love this wonderful little book.",
        "This was a terrible, painful mistake.",
        "The meeting is on Tuesday.",
      ];
      await classifier(sentences);
    `),
    md(
      `
      > **About this model.** The default sentiment model is a *tiny* BERT (a few million parameters)
      > fine-tuned on sentences of the Brown corpus whose labels came from the AFINN-165 word list, not
      > from people. Such labels are called *weak*, *lexicon-derived* labels. The model is small enough
      > to run anywhere and good enough to show every step, but do not expect the accuracy of a large
      > model trained on human labels. Its model card (\`models/bert-tiny-sentiment/README.md\`) states
      > what it was trained on and how well it does.
      `,
      `
      > **이 모델에 대해.** 기본 감성 분석 모델은 파라미터가 수백만 개뿐인 *아주 작은* BERT입니다. Brown
      > 코퍼스의 문장에 사람이 아니라 AFINN-165 감성 사전으로 레이블을 붙여 파인튜닝했습니다. 이런 레이블을
      > *약한 레이블(weak label)*, 또는 사전 기반 레이블이라고 부릅니다. 어디서나 돌아갈 만큼 작고, 모든
      > 단계를 보여 주기에는 충분하지만, 사람이 직접 붙인 레이블로 학습한 큰 모델만큼 정확하지는 않습니다.
      > 어떤 데이터로 얼마나 학습했는지는 모델 카드(\`models/bert-tiny-sentiment/README.md\`)에 정직하게 적혀
      > 있습니다.
      `,
    ),
    md(
      `
      ## 2. A Korean sentence

      Now a sentence from a Korean diary: *"I was tired, but they were rewarding days."* A person
      reads it as positive. What does the model say?
      `,
      `
      ## 2. 한국어 문장을 넣어 보면?

      이번에는 일기에서 가져온 듯한 문장을 넣어 보겠습니다. 사람이 읽으면 분명 긍정적인 문장입니다.
      모델은 뭐라고 할까요?
      `,
    ),
    code(`
      await classifier("피곤했지만 뿌듯한 나날이었다.");
    `),
    md(
      `
      Whatever label you got, it is not based on the meaning of the sentence. To see why, we have to
      look inside the pipeline. It does three things in order:

      | step | class | input → output |
      |---|---|---|
      | 1. pre-processing | tokenizer | text → token ids (\`input_ids\`, \`attention_mask\`) |
      | 2. the model | \`AutoModelForSequenceClassification\` | token ids → **logits** (raw scores) |
      | 3. post-processing | softmax + \`config.id2label\` | logits → probabilities → label |
      `,
      `
      어떤 레이블이 나왔든, 그 판단은 문장의 의미에 근거한 것이 아닙니다. 이유를 알려면 파이프라인 안을
      들여다봐야 합니다. 파이프라인은 다음 세 단계를 순서대로 실행합니다.

      | 단계 | 담당 클래스 | 입력 → 출력 |
      |---|---|---|
      | 1. 전처리 | 토크나이저 | 텍스트 → 토큰 id (\`input_ids\`, \`attention_mask\`) |
      | 2. 모델 | \`AutoModelForSequenceClassification\` | 토큰 id → **로짓(logits)**, 즉 정규화되지 않은 점수 |
      | 3. 후처리 | 소프트맥스 + \`config.id2label\` | 로짓 → 확률 → 레이블 |
      `,
    ),
    md(
      `
      ## 3. Step 1 — the tokenizer

      A model cannot read text, only numbers. The tokenizer splits text into *tokens* and looks each
      one up in its vocabulary. It must be **the same tokenizer the model was trained with**, so we load
      it from the same checkpoint id.
      `,
      `
      ## 3. 1단계 — 토크나이저

      모델은 텍스트를 읽지 못하고 숫자만 다룰 수 있습니다. 토크나이저는 텍스트를 *토큰* 단위로 자르고, 각
      토큰을 어휘 사전(vocabulary)에서 찾아 번호로 바꿉니다. 이때 반드시 **모델을 학습할 때 썼던 것과 같은
      토크나이저**를 써야 하므로, 같은 체크포인트 id로 불러옵니다.
      `,
    ),
    code(`
      const checkpoint = "transformers-lab/bert-tiny-sentiment";
      const tokenizer = await AutoTokenizer.from_pretrained(checkpoint);
      const raw_inputs = ["I have been waiting for a course like this my whole life.", "I hate this so much!"];
      const inputs = tokenizer(raw_inputs, { padding: true, truncation: true, return_tensors: "pt" });
      inputs;
    `),
    md(
      `
      Two sentences of different lengths became one rectangular batch: the shorter one was **padded**
      with the \`[PAD]\` token, and \`attention_mask\` marks real tokens with 1 and padding with 0 so the
      model ignores it. Let us see the tokens behind the ids, including the Korean sentence:
      `,
      `
      길이가 다른 두 문장이 하나의 직사각형 배치(batch)가 되었습니다. 짧은 문장 뒤에는 \`[PAD]\` 토큰이
      채워졌고(**패딩**), \`attention_mask\`는 실제 토큰을 1, 패딩을 0으로 표시해서 모델이 패딩을 무시하게
      합니다. 이번에는 id 뒤에 숨은 토큰을 직접 보겠습니다. 한국어 문장도 함께 넣어 봅니다.
      `,
    ),
    code(`
      console.log(tokenizer.tokenize("I hate this so much!"));
      console.log(tokenizer.tokenize("피곤했지만 뿌듯한 나날이었다."));
    `),
    md(
      `
      The English sentence becomes familiar words. The Korean one becomes \`[UNK]\`, the *unknown*
      token: this tokenizer's vocabulary was built from English text only and contains no Hangul.
      The model never sees the sentence at all — only "unknown, unknown, unknown". Its answer is a
      guess about a row of \`[UNK]\`s, which is why it cannot be trusted. In lesson 3 you will train a
      Korean vocabulary that splits this very sentence into real subwords.
      `,
      `
      영어 문장은 익숙한 단어들로 나뉘지만, 한국어 문장은 *모르는 토큰*을 뜻하는 \`[UNK]\`로 바뀝니다. 이
      토크나이저의 어휘 사전은 영어 텍스트만으로 만들어져서 한글이 하나도 없기 때문입니다. 결국 모델은
      문장을 전혀 보지 못하고 "모름, 모름, 모름"만 보게 됩니다. 앞에서 나온 답은 \`[UNK]\`의 나열을 보고
      찍은 것이니 믿을 수 없는 것이죠. 한국어를 다루려면 한국어 코퍼스로 사전학습한 모델과 토크나이저가
      필요합니다. 3강에서는 바로 이 문장을 진짜 서브워드로 나누는 한국어 어휘 사전을 직접 학습해 봅니다.
      `,
    ),
    md(
      `
      ## 4. Step 2 — the model

      \`AutoModelForSequenceClassification\` reads the checkpoint's \`config.json\`, builds the right
      architecture (here a BERT with a classification *head*) and loads the trained weights. Calling the
      model with the tokenizer's output returns an object whose \`logits\` hold one row per sentence and
      one column per label.
      `,
      `
      ## 4. 2단계 — 모델

      \`AutoModelForSequenceClassification\`은 체크포인트의 \`config.json\`을 읽어 알맞은 구조(여기서는 분류
      *헤드*가 붙은 BERT)를 만들고, 학습된 가중치를 불러옵니다. 토크나이저의 출력을 그대로 모델에 넣으면
      \`logits\`가 담긴 객체가 돌아옵니다. 로짓은 문장마다 한 행, 레이블마다 한 열입니다.
      `,
    ),
    code(`
      const model = await AutoModelForSequenceClassification.from_pretrained(checkpoint);
      const outputs = await model(inputs);
      console.log(outputs.logits.shape);
      outputs.logits;
    `),
    md(
      `
      ## 5. Step 3 — from logits to labels

      Logits are not probabilities: they can be negative and do not sum to 1. The **softmax** turns a
      row of scores $z_1, \\dots, z_k$ into probabilities:

      $$ p_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}} $$

      Subtracting the largest score first does not change the result but keeps \`Math.exp\` from
      overflowing. Then \`model.config.id2label\` names each column.
      `,
      `
      ## 5. 3단계 — 로짓에서 레이블로

      로짓은 확률이 아닙니다. 음수일 수도 있고, 합해도 1이 되지 않습니다. **소프트맥스**는 점수
      $z_1, \\dots, z_k$를 다음과 같이 확률로 바꿔 줍니다.

      $$ p_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}} $$

      계산하기 전에 가장 큰 값을 빼 주어도 결과는 같고, \`Math.exp\`가 너무 큰 수를 만들어 넘치는
      (overflow) 일을 막을 수 있습니다. 마지막으로 \`model.config.id2label\`이 각 열의 이름을 알려 줍니다.
      `,
    ),
    code(`
      function softmaxRow(row: number[]): number[] {
        const max = Math.max(...row); // [en] subtracting the largest value keeps Math.exp from overflowing [ko] 가장 큰 값을 빼서 overflow를 막습니다
        const exps = row.map((z) => Math.exp(z - max));
        const total = exps.reduce((a, b) => a + b, 0);
        return exps.map((e) => e / total);
      }
      const probabilities = (outputs.logits.tolist() as number[][]).map(softmaxRow);
      const id2label = model.config.id2label;
      probabilities.map((row, i) => ({
        sentence: raw_inputs[i],
        ...Object.fromEntries(row.map((p, j) => [id2label[j], Number(p.toFixed(4))])),
      }));
    `),
    md(
      `
      Does the pipeline say the same? Run it on the same sentences and put its answers next to ours:
      `,
      `
      파이프라인도 같은 답을 낼까요? 같은 문장을 파이프라인에 넣고 우리가 계산한 답과 나란히 놓아 보겠습니다.
      `,
    ),
    codeWithFigures(
      { same_labels: true, same_scores: true },
      `
      const viaPipeline = await classifier(raw_inputs);
      const byHand = probabilities.map((row) => row.indexOf(Math.max(...row))).map((best, i) => ({ label: id2label[best], score: probabilities[i][best] }));
      raw_inputs.forEach((sentence, i) =>
        console.log(\`\${sentence}\\n  pipeline: \${viaPipeline[i].label} \${viaPipeline[i].score.toFixed(4)}   by hand: \${byHand[i].label} \${byHand[i].score.toFixed(4)}\`));
      ({
        same_labels: byHand.every((h, i) => h.label === viaPipeline[i].label),
        same_scores: byHand.every((h, i) => Math.abs(h.score - viaPipeline[i].score) < 1e-6),
      });
      `,
      `
      const viaPipeline = await classifier(raw_inputs);
      const byHand = probabilities.map((row) => row.indexOf(Math.max(...row))).map((best, i) => ({ label: id2label[best], score: probabilities[i][best] }));
      raw_inputs.forEach((sentence, i) =>
        console.log(\`\${sentence}\\n  파이프라인: \${viaPipeline[i].label} \${viaPipeline[i].score.toFixed(4)}   직접 계산: \${byHand[i].label} \${byHand[i].score.toFixed(4)}\`));
      ({
        same_labels: byHand.every((h, i) => h.label === viaPipeline[i].label),
        same_scores: byHand.every((h, i) => Math.abs(h.score - viaPipeline[i].score) < 1e-6),
      });
      `,
    ),
    md(
      `
      The same labels and the same scores (to six decimals): the pipeline does exactly these three
      steps. A picture makes the probabilities easier to compare:
      `,
      `
      레이블도 점수도(소수 여섯째 자리까지) 같습니다. 파이프라인이 하는 일이 정확히 이 세 단계이기 때문입니다.
      그림으로 보면 확률을 비교하기가 더 쉽습니다.
      `,
    ),
    code(
      `
      plot(
        Object.values(id2label).map((label, j) => ({
          type: "bar",
          name: String(label),
          x: raw_inputs.map((s) => s.slice(0, 30) + "…"),
          y: probabilities.map((row) => row[j]),
        })),
        { title: "Probability of each label", barmode: "group", yaxis: { range: [0, 1] } },
      );
      `,
      `
      plot(
        Object.values(id2label).map((label, j) => ({
          type: "bar",
          name: String(label),
          x: raw_inputs.map((s) => s.slice(0, 30) + "…"),
          y: probabilities.map((row) => row[j]),
        })),
        { title: "레이블별 확률", barmode: "group", yaxis: { range: [0, 1] } },
      );
      `,
    ),
    md(
      `
      ## Summary

      - \`pipeline(task)\` = tokenizer → model → post-processing, with a default model per task.
      - The tokenizer must match the model: it turns text into \`input_ids\` and an \`attention_mask\`.
      - The model returns **logits**; a softmax turns them into probabilities and \`id2label\` names them.
      - A model only knows the tokens of its own vocabulary: unknown text becomes \`[UNK]\`.

      ## Quiz

      Answer each question in its cell. You get feedback at once; a hint appears after a wrong try.
      `,
      `
      ## 정리

      - \`pipeline(task)\` = 토크나이저 → 모델 → 후처리이며, 태스크마다 기본 모델이 정해져 있습니다.
      - 토크나이저는 반드시 모델과 짝이 맞아야 하고, 텍스트를 \`input_ids\`와 \`attention_mask\`로 바꿉니다.
      - 모델은 **로짓**을 돌려주고, 소프트맥스가 이를 확률로 바꾸며, \`id2label\`이 이름을 붙입니다.
      - 모델은 자기 어휘 사전에 있는 토큰만 압니다. 모르는 글자는 \`[UNK]\`가 됩니다.

      ## 퀴즈

      각 문제의 셀에 답을 적어 보세요. 바로 채점 결과가 나오고, 틀리면 힌트가 나옵니다.
      `,
    ),
    quiz({
      id: "l01-order",
      type: "choice",
      points: 1,
      prompt: t("In which order does a text-classification pipeline work?", "텍스트 분류 파이프라인은 어떤 순서로 동작할까요?"),
      options: [
        t("model → tokenizer → softmax", "모델 → 토크나이저 → 소프트맥스"),
        t("tokenizer → model → softmax and id2label", "토크나이저 → 모델 → 소프트맥스와 id2label"),
        t("softmax → tokenizer → model", "소프트맥스 → 토크나이저 → 모델"),
        t("tokenizer → softmax → model", "토크나이저 → 소프트맥스 → 모델"),
      ],
      answer: 1,
      hints: [
        t("What can a model read: text or numbers?", "모델이 읽을 수 있는 것은 텍스트일까요, 숫자일까요?"),
        t("The tokenizer is the first step: it turns text into ids.", "첫 단계는 토크나이저입니다. 텍스트를 id로 바꿉니다."),
        t("The softmax turns the model's logits into probabilities, so it comes after the model.", "소프트맥스는 모델이 낸 로짓을 확률로 바꾸므로 모델 다음에 옵니다."),
      ],
      explanation: t(
        "Text becomes ids first (tokenizer), the model turns ids into logits, and post-processing turns logits into labelled probabilities.",
        "먼저 토크나이저가 텍스트를 id로 바꾸고, 모델이 id를 로짓으로 바꾸고, 후처리가 로짓을 확률과 레이블로 바꿉니다.",
      ),
    }),
    quiz({
      id: "l01-keys",
      type: "multiple",
      points: 1,
      prompt: t(
        "Which keys does calling a BERT tokenizer on one sentence return? (choose all)",
        "BERT 토크나이저에 문장 하나를 넣으면 어떤 키들이 돌아올까요? (모두 고르세요)",
      ),
      options: [t("input_ids", "input_ids"), t("token_type_ids", "token_type_ids"), t("attention_mask", "attention_mask"), t("logits", "logits"), t("labels", "labels")],
      answer: [0, 1, 2],
      hints: [
        t("Look at the output of the tokenizer cell above. Which of these is produced by the model instead?", "위의 토크나이저 셀 출력을 다시 보세요. 이 중 모델이 만드는 것은 무엇일까요?"),
        t("Three of them are made from the text alone; the other two need a model or a person.", "셋은 텍스트만으로 만들어지고, 나머지 둘은 모델이나 사람이 있어야 나옵니다."),
        t("`logits` is the model's output and `labels` is what you supply for training.", "`logits`는 모델의 출력이고, `labels`는 학습할 때 여러분이 넣는 값입니다."),
      ],
      explanation: t(
        "A BERT tokenizer returns input_ids, token_type_ids (which sentence each token belongs to) and attention_mask. Logits come from the model; labels are given by you when training.",
        "BERT 토크나이저는 input_ids, token_type_ids(각 토큰이 몇 번째 문장인지), attention_mask를 돌려줍니다. logits는 모델의 출력이고, labels는 학습할 때 우리가 넣어 주는 값입니다.",
      ),
    }),
    quiz({
      id: "l01-logits-name",
      type: "text",
      points: 1,
      prompt: t(
        "What are the raw, un-normalised scores that a classification model returns called? (one word)",
        "분류 모델이 돌려주는, 정규화되기 전의 점수를 무엇이라고 부를까요? (영어 한 단어)",
      ),
      answers: ["logits", "logit"],
      hints: [
        t("It is the name of the field we read from `outputs`.", "`outputs`에서 꺼내 쓴 필드 이름입니다."),
        t("It starts with \"log\" and has six letters.", "\"log\"로 시작하는 여섯 글자 영어 단어입니다."),
        t("We read it as `outputs.logits`.", "`outputs.logits`로 읽었습니다."),
      ],
      explanation: t(
        "Logits: one score per label, before the softmax turns them into probabilities.",
        "로짓(logits)입니다. 소프트맥스를 거치기 전의, 레이블마다 하나씩 있는 점수입니다.",
      ),
    }),
    quiz({
      id: "l01-softmax-value",
      type: "numeric",
      points: 1,
      prompt: t(
        "A two-label model returns the logits `[2, 0]`. What probability does the softmax give the first label? (two decimals)",
        "레이블이 두 개인 모델의 로짓이 `[2, 0]`입니다. 소프트맥스를 거치면 첫 번째 레이블의 확률은 얼마일까요? (소수점 둘째 자리까지)",
      ),
      answer: 0.88,
      tolerance: 0.01,
      hints: [
        t("Compute e² / (e² + e⁰). You can use `softmaxRow([2, 0])` in a code cell.", "e² / (e² + e⁰)을 계산해 보세요. 코드 셀에서 `softmaxRow([2, 0])`을 실행해 봐도 됩니다."),
        t("softmax(z)ᵢ = e^zᵢ / Σⱼ e^zⱼ, and e⁰ = 1.", "softmax(z)ᵢ = e^zᵢ / Σⱼ e^zⱼ 이고, e⁰ = 1입니다."),
        t("e² ≈ 7.39: divide it by 7.39 + 1 and round to two decimals.", "e² ≈ 7.39입니다. 이것을 7.39 + 1로 나누고 소수 둘째 자리까지 반올림하세요."),
      ],
      explanation: t("e² ≈ 7.389, so 7.389 / (7.389 + 1) ≈ 0.88.", "e² ≈ 7.389이므로 7.389 / (7.389 + 1) ≈ 0.88입니다."),
    }),
    quiz({
      id: "l01-mask",
      type: "choice",
      points: 1,
      prompt: t("In `attention_mask`, what does a 0 mean?", "`attention_mask`에서 0은 무엇을 뜻할까요?"),
      options: [
        t("The token is unknown ([UNK]).", "모르는 토큰([UNK])이라는 뜻입니다."),
        t("The token is padding and the model should ignore it.", "패딩 토큰이므로 모델이 무시해야 한다는 뜻입니다."),
        t("The token starts the second sentence.", "두 번째 문장이 시작된다는 뜻입니다."),
        t("The token was masked for masked-language-model training.", "MLM 학습을 위해 가려진 토큰이라는 뜻입니다."),
      ],
      answer: 1,
      hints: [
        t("Which sentence in the batch above has zeros, and where?", "위 배치에서 0이 있는 문장은 어느 것이고, 어디에 있나요?"),
        t("The zeros sit at the end of the shorter sentence, where the batch was filled up.", "0은 짧은 문장의 끝, 배치 길이에 맞춰 채운 자리에 있습니다."),
        t("Those positions hold [PAD] tokens: what should attention do with them?", "그 자리에는 [PAD] 토큰이 있습니다. 어텐션은 이 토큰을 어떻게 해야 할까요?"),
      ],
      explanation: t(
        "Padding fills short sentences up to the batch length; the mask tells attention to skip those positions.",
        "패딩은 짧은 문장을 배치 길이에 맞추기 위해 채운 토큰이고, 마스크의 0은 어텐션이 그 위치를 보지 않도록 합니다.",
      ),
    }),
    quiz({
      id: "l01-korean",
      type: "choice",
      points: 1,
      prompt: t(
        "Why can the classifier's answer for the Korean sentence not be trusted?",
        "한국어 문장에 대한 분류기의 답을 믿을 수 없는 이유는 무엇일까요?",
      ),
      options: [
        t("Korean sentences are too long for BERT.", "한국어 문장은 BERT가 처리하기에 너무 깁니다."),
        t("The tokenizer has no Korean tokens, so the model only sees [UNK].", "토크나이저에 한국어 토큰이 없어서 모델은 [UNK]만 보게 됩니다."),
        t("The softmax does not work for Korean.", "소프트맥스가 한국어에서는 동작하지 않습니다."),
        t("The model needs a GPU for Korean.", "한국어를 처리하려면 GPU가 필요합니다."),
      ],
      answer: 1,
      hints: [
        t("Look at the output of `tokenizer.tokenize` for the Korean sentence.", "한국어 문장에 대한 `tokenizer.tokenize` 출력을 떠올려 보세요."),
        t("Which vocabulary was this English model's tokenizer built from?", "이 영어 모델의 토크나이저는 어떤 어휘로 만들어졌을까요?"),
        t("Every Hangul word became the same token. Which one?", "한글 단어가 모두 같은 토큰 하나가 되었습니다. 어떤 토큰일까요?"),
      ],
      explanation: t(
        "Every Hangul word maps to [UNK]; the label is a guess about unknown tokens. A Korean model needs a Korean vocabulary and Korean pre-training data.",
        "한글 단어는 모두 [UNK]가 되므로, 레이블은 모르는 토큰들을 보고 찍은 결과입니다. 한국어를 다루려면 한국어 어휘 사전과 한국어 사전학습 데이터가 필요합니다.",
      ),
    }),
    quiz({
      id: "l01-softmax-code",
      type: "code",
      points: 2,
      prompt: t(
        "Write `mySoftmax(row)` that returns the softmax of a list of numbers. It must also work for large scores such as `[1000, 1001]`.",
        "숫자 리스트의 소프트맥스를 돌려주는 `mySoftmax(row)`를 작성하세요. `[1000, 1001]`처럼 큰 점수에서도 동작해야 합니다.",
      ),
      solution: `
        function mySoftmax(row: number[]): number[] {
          // BEGIN SOLUTION
          const max = Math.max(...row);
          const exps = row.map((z) => Math.exp(z - max));
          const total = exps.reduce((a, b) => a + b, 0);
          return exps.map((e) => e / total);
          // END SOLUTION
        }
      `,
      tests: `
        const p = mySoftmax([2, 0]);
        assert.equal(p.length, 2);
        assert.ok(Math.abs(p[0] - 0.8808) < 1e-3, "mySoftmax([2, 0])[0] should be about 0.8808");
        assert.ok(Math.abs(p[0] + p[1] - 1) < 1e-9, "probabilities must sum to 1");
      `,
      hidden_tests: `
        const big = mySoftmax([1000, 1001]);
        assert.ok(big.every((x) => Number.isFinite(x)), "large scores must not overflow");
        assert.ok(Math.abs(big[1] - 0.7311) < 1e-3);
      `,
      hints: [
        t("Subtract the largest score before calling Math.exp.", "Math.exp를 부르기 전에 가장 큰 값을 먼저 빼 보세요."),
        t("softmax([a, b]) = softmax([a − c, b − c]) for any c.", "어떤 c에 대해서도 softmax([a, b]) = softmax([a − c, b − c])입니다."),
        t("Compute `max = Math.max(...row)`, then `Math.exp(z - max)` for each z, then divide each by their sum.", "`max = Math.max(...row)`를 구하고, 각 z마다 `Math.exp(z - max)`를 계산한 뒤 그 합으로 나누세요."),
      ],
      explanation: t(
        "Shifting every score by the same amount leaves the softmax unchanged, and after subtracting the maximum every exponent is ≤ 0, so nothing overflows.",
        "모든 점수에서 같은 값을 빼도 소프트맥스 결과는 변하지 않습니다. 최댓값을 빼면 모든 지수가 0 이하가 되어 overflow가 생기지 않습니다.",
      ),
    }),
    quiz({
      id: "l01-framework-parts",
      type: "multiple",
      points: 1,
      prompt: t(
        "Which of these are parts of the framework's structure, as listed in section 0? (choose all)",
        "0절의 표에 나온 프레임워크의 부품을 모두 고르세요.",
      ),
      options: [
        t("Tokenizer", "Tokenizer"),
        t("Optimization", "Optimization"),
        t("A separate research repository for every model", "모델마다 따로 있는 리서치 저장소"),
        t("Config", "Config"),
      ],
      answer: [0, 1, 3],
      hints: [
        t("The table has six rows: Processors, Tokenizer, Model, Optimization, Trainer, Config.", "표에는 Processors, Tokenizer, Model, Optimization, Trainer, Config 여섯 줄이 있습니다."),
        t("One option is exactly the problem a framework removes.", "보기 하나는 프레임워크가 없애 준 바로 그 문제입니다."),
      ],
      explanation: t(
        "Tokenizer, Optimization and Config are parts of the framework; one repository per paper, each in its own style, is what frameworks replaced.",
        "Tokenizer, Optimization, Config는 프레임워크의 부품입니다. 논문마다 스타일이 제각각인 저장소는 프레임워크가 대신하게 된 것입니다.",
      ),
    }),
  ],
};
