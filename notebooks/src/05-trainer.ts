import { Lesson, code, md, quiz, t } from "./lesson";

// Lesson 5: fine-tuning with the Trainer on a real data set (spam_assassin).
export const lesson: Lesson = {
  name: "05-trainer",
  title: t("Lesson 5 — Trainer", "5강 — Trainer"),
  cells: [
    md(
      `
      # Lesson 5 — Trainer

      The \`Trainer\` runs the training loop for you: batching, the forward and backward pass, the
      optimizer (AdamW) and its learning-rate schedule, logging, evaluation and checkpoints. You describe
      *what* to train with \`TrainingArguments\`; the Trainer does the *how*.

      **In this lesson you will** fine-tune the course's pre-trained tiny BERT to tell spam from
      normal e-mail ("ham"), using the SpamAssassin public corpus (6,047 real e-mails). You will
      - load and tokenize a data set with \`map\`,
      - pad batches dynamically and group them by length,
      - train with a live loss chart, evaluate with your own \`compute_metrics\`, and \`predict\`,
      - find the checkpoints on disk and resume training from one.

      To keep the lesson fast we train on a sample of 400 e-mails, cut to their first 64 tokens, for one epoch; the bundled spam model
      (\`transformers-lab/bert-tiny-spam\`) was trained the same way on all of them for longer.
      `,
      `
      # 5강 — Trainer

      \`Trainer\`는 학습 루프를 대신 돌려 줍니다. 배치 만들기, 순전파와 역전파, 옵티마이저(AdamW)와 학습률
      스케줄, 로그 기록, 평가, 체크포인트 저장까지 모두 맡아 줍니다. 우리는 \`TrainingArguments\`로 *무엇을*
      학습할지만 적어 주면, Trainer가 *어떻게*를 처리합니다.

      **이번 강의에서는** 강의용으로 사전학습된 작은 BERT를 파인튜닝(fine-tuning)해서 스팸 메일과 정상
      메일(ham)을 구분하게 만들어 봅니다. 데이터는 실제 이메일 6,047통으로 이루어진 SpamAssassin 공개
      코퍼스입니다.
      - 데이터셋을 불러와 \`map\`으로 토큰화하고,
      - 배치를 동적으로 패딩하고 길이별로 묶어 보고,
      - 실시간 손실(loss) 그래프를 보며 학습한 뒤, 직접 만든 \`compute_metrics\`로 평가하고 \`predict\`도 해 보고,
      - 디스크에 저장된 체크포인트를 확인하고 거기서부터 학습을 이어 갑니다.

      강의가 빨리 끝나도록 400통만 뽑아 앞부분 64토큰만 읽고 1 에폭(epoch)만 학습합니다. 강의에 포함된 스팸 모델
      (\`transformers-lab/bert-tiny-spam\`)은 같은 방법으로 전체 데이터를 더 오래 학습한 것입니다.
      `,
    ),
    md(
      `
      ## 1. The data set

      \`load_dataset("spam_assassin")\` returns a \`DatasetDict\` with a fixed \`train\` / \`test\` split.
      Each row has the e-mail \`text\`, its \`subject\` and a \`label\` (0 = ham, 1 = spam).
      `,
      `
      ## 1. 데이터셋

      \`load_dataset("spam_assassin")\`은 \`train\` / \`test\`로 미리 나뉜 \`DatasetDict\`를 돌려줍니다. 각 행에는 메일
      본문 \`text\`, 제목 \`subject\`, 레이블 \`label\`(0 = 정상 메일 ham, 1 = 스팸 spam)이 들어 있습니다.
      `,
    ),
    code(`
      const raw_datasets = load_dataset("spam_assassin");
      raw_datasets;
    `),
    code(`
      const train_raw = raw_datasets.train.shuffle({ seed: 42 }).select([...Array(400).keys()]);
      const test_raw = raw_datasets.test.shuffle({ seed: 42 }).select([...Array(200).keys()]);
      const first = train_raw.get(0);
      ({ subject: first.subject, label: train_raw.features.label.names[first.label], text: first.text.slice(0, 300) + "…" });
    `),
    md(
      `
      ## 2. Tokenizing with \`map\`

      \`map\` applies a function to every row and adds the columns it returns. With \`batched: true\` the
      function receives many rows at once (a dict of column lists), which is much faster. We truncate
      to 64 tokens but do **not** pad yet — padding happens later, batch by batch.
      `,
      `
      ## 2. \`map\`으로 토큰화하기

      \`map\`은 모든 행에 함수를 적용하고, 함수가 돌려준 열을 데이터셋에 추가합니다. \`batched: true\`를 주면 함수가
      여러 행을 한꺼번에(열 이름 → 리스트) 받기 때문에 훨씬 빠릅니다. 64토큰으로 자르기만 하고 패딩은 **아직
      하지 않습니다.** 패딩은 나중에 배치 단위로 합니다.
      `,
    ),
    code(`
      const checkpoint = "transformers-lab/bert-tiny-brown";
      const tokenizer = await AutoTokenizer.from_pretrained(checkpoint);
      function tokenize_function(batch: { text: string[] }) {
        return tokenizer(batch.text, { truncation: true, max_length: 64 });
      }
      const train_dataset = train_raw.map(tokenize_function, { batched: true });
      const eval_dataset = test_raw.map(tokenize_function, { batched: true });
      train_dataset;
    `),
    md(
      `
      ## 3. Dynamic padding and \`group_by_length\`

      Rows now have different lengths. A **data collator** builds each batch and pads it to the longest
      row *of that batch* (\`DataCollatorWithPadding\`). If batches mix short and long e-mails, short
      ones are padded a lot. \`group_by_length: true\` makes the Trainer put rows of similar length
      into the same batch (with some randomness), so less padding is computed. Let us measure the
      difference on our 400 e-mails with batches of 16:
      `,
      `
      ## 3. 동적 패딩과 \`group_by_length\`

      이제 행마다 길이가 다릅니다. **데이터 콜레이터(data collator)**가 배치를 만들면서 *그 배치에서* 가장 긴 행에
      맞춰 패딩합니다(\`DataCollatorWithPadding\`). 한 배치에 짧은 메일과 긴 메일이 섞이면 짧은 메일에 패딩이 잔뜩
      붙겠죠. \`group_by_length: true\`를 주면 Trainer가 길이가 비슷한 행끼리(약간의 무작위성은 남겨 둔 채) 같은
      배치로 묶어서 계산할 패딩을 줄여 줍니다. 400통, 배치 크기 16으로 차이를 재 보겠습니다.
      `,
    ),
    code(
      `
      const lengths: number[] = train_dataset.column("input_ids").map((ids: number[]) => ids.length);
      function paddingShare(order: number[], batchSize: number): number {
        let real = 0, padded = 0;
        for (let i = 0; i < order.length; i += batchSize) {
          const batchLengths = order.slice(i, i + batchSize).map((j) => lengths[j]);
          real += batchLengths.reduce((a, b) => a + b, 0);
          padded += Math.max(...batchLengths) * batchLengths.length;
        }
        return 1 - real / padded;
      }
      const randomOrder = [...lengths.keys()];                                  // already shuffled
      const groupedOrder = [...lengths.keys()].sort((a, b) => lengths[a] - lengths[b]);
      const shares = [paddingShare(randomOrder, 16), paddingShare(groupedOrder, 16)];
      plot(
        [{ type: "bar", x: ["random batches", "grouped by length"], y: shares.map((s) => 100 * s), text: shares.map((s) => (100 * s).toFixed(1) + " %"), textposition: "auto" }],
        { title: "Share of computed tokens that are padding", yaxis: { title: "% padding", range: [0, 100] } },
      );
      `,
      `
      const lengths: number[] = train_dataset.column("input_ids").map((ids: number[]) => ids.length);
      function paddingShare(order: number[], batchSize: number): number {
        let real = 0, padded = 0;
        for (let i = 0; i < order.length; i += batchSize) {
          const batchLengths = order.slice(i, i + batchSize).map((j) => lengths[j]);
          real += batchLengths.reduce((a, b) => a + b, 0);
          padded += Math.max(...batchLengths) * batchLengths.length;
        }
        return 1 - real / padded;
      }
      const randomOrder = [...lengths.keys()];                                  // 이미 섞여 있는 순서
      const groupedOrder = [...lengths.keys()].sort((a, b) => lengths[a] - lengths[b]);
      const shares = [paddingShare(randomOrder, 16), paddingShare(groupedOrder, 16)];
      plot(
        [{ type: "bar", x: ["무작위 배치", "길이별로 묶은 배치"], y: shares.map((s) => 100 * s), text: shares.map((s) => (100 * s).toFixed(1) + " %"), textposition: "auto" }],
        { title: "계산한 토큰 중 패딩이 차지하는 비율", yaxis: { title: "패딩 비율(%)", range: [0, 100] } },
      );
      `,
    ),
    md(
      `
      ## 4. The model and \`TrainingArguments\`

      We start from the pre-trained tiny BERT and ask for a classification head with two labels. The
      head is new, so it starts random — the loading message says so, and that is expected.
      `,
      `
      ## 4. 모델과 \`TrainingArguments\`

      사전학습된 작은 BERT에서 출발해 레이블 두 개짜리 분류 헤드를 붙입니다. 헤드는 새로 만든 것이라 무작위
      가중치로 시작합니다. 로딩 메시지가 이를 알려 주는데, 예상된 일이니 걱정하지 않아도 됩니다.
      `,
    ),
    code(`
      import * as fs from "node:fs";
      import * as os from "node:os";
      import * as path from "node:path";
      const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "tlab-05-trainer-"));
      const model = await AutoModelForSequenceClassification.from_pretrained(checkpoint, {
        num_labels: 2,
        id2label: { 0: "ham", 1: "spam" },
        label2id: { ham: 0, spam: 1 },
      });
      const training_args = new TrainingArguments({
        output_dir: path.join(workDir, "spam-trainer"),
        num_train_epochs: 1,
        per_device_train_batch_size: 16,
        per_device_eval_batch_size: 64,
        learning_rate: 5e-4,
        weight_decay: 0.01,
        warmup_steps: 5,
        logging_steps: 5,
        save_strategy: "steps",
        save_steps: 10,
        group_by_length: true,
        seed: 42,
      });
      training_args;
    `),
    md(
      `
      A few of these deserve a word:
      - \`per_device_train_batch_size\` — rows per training step; 400 rows / 16 = 25 steps per epoch.
      - \`learning_rate\`, \`warmup_steps\`, \`weight_decay\` — the AdamW optimizer and its schedule: the
        rate rises over the first 5 steps, then decreases linearly to 0.
      - \`logging_steps\` — how often the loss is recorded; \`save_steps\` — how often a checkpoint is written.

      ## 5. Metrics and training

      \`compute_metrics\` receives the predictions (logits) and the true labels of the evaluation set
      and returns a dictionary of numbers. Here: accuracy.
      `,
      `
      몇 가지 인자는 짚고 넘어가겠습니다.
      - \`per_device_train_batch_size\` — 학습 한 스텝에 쓰는 행의 수. 400행 / 16 = 에폭당 25스텝입니다.
      - \`learning_rate\`, \`warmup_steps\`, \`weight_decay\` — AdamW 옵티마이저와 그 스케줄입니다. 처음 5스텝 동안
        학습률이 올라가는 워밍업(warm-up)을 거친 뒤, 선형으로 0까지 줄어듭니다.
      - \`logging_steps\`는 손실을 기록하는 간격, \`save_steps\`는 체크포인트를 저장하는 간격입니다.

      ## 5. 평가 지표와 학습

      \`compute_metrics\`는 평가 데이터에 대한 예측(로짓)과 정답 레이블을 받아 숫자들의 딕셔너리를 돌려줍니다.
      여기서는 정확도(accuracy)를 계산합니다.
      `,
    ),
    code(`
      function rows(x: any): number[][] {
        return typeof x?.tolist === "function" ? x.tolist() : x;
      }
      function compute_metrics(eval_pred: { predictions: any; label_ids: any }) {
        const logits = rows(eval_pred.predictions);
        const labels: number[] = typeof eval_pred.label_ids?.tolist === "function" ? eval_pred.label_ids.tolist() : eval_pred.label_ids;
        const predicted = logits.map((row) => row.indexOf(Math.max(...row)));
        const correct = predicted.filter((p, i) => p === labels[i]).length;
        return { accuracy: correct / labels.length };
      }
      const trainer = new Trainer({
        model: model,
        args: training_args,
        train_dataset: train_dataset,
        eval_dataset: eval_dataset,
        tokenizer: tokenizer,
        data_collator: new DataCollatorWithPadding({ tokenizer: tokenizer }),
        compute_metrics: compute_metrics,
      });
      const train_output = await trainer.train();
      train_output;
    `),
    md(
      `
      While it trains, the chart above updates in place. Every entry is also kept in
      \`trainer.state.log_history\`, so we can draw the curve again ourselves:
      `,
      `
      학습하는 동안 위의 그래프가 제자리에서 갱신됩니다. 모든 기록은 \`trainer.state.log_history\`에도 남기 때문에
      직접 손실 곡선을 다시 그려 볼 수 있습니다.
      `,
    ),
    code(
      `
      const logged = trainer.state.log_history.filter((entry: any) => entry.loss !== undefined);
      plot(
        [{ type: "scatter", mode: "lines+markers", x: logged.map((e: any) => e.step), y: logged.map((e: any) => e.loss), name: "training loss" }],
        { title: "Training loss", xaxis: { title: "step" }, yaxis: { title: "loss" } },
      );
      `,
      `
      const logged = trainer.state.log_history.filter((entry: any) => entry.loss !== undefined);
      plot(
        [{ type: "scatter", mode: "lines+markers", x: logged.map((e: any) => e.step), y: logged.map((e: any) => e.loss), name: "학습 손실" }],
        { title: "학습 손실(training loss)", xaxis: { title: "스텝" }, yaxis: { title: "손실" } },
      );
      `,
    ),
    md(
      `
      ## 6. \`evaluate\` and \`predict\`

      \`evaluate()\` runs the model on \`eval_dataset\` and returns the loss and your metrics, each name
      prefixed with \`eval_\`. \`predict(dataset)\` returns the raw predictions as well, for any data set.
      `,
      `
      ## 6. \`evaluate\`와 \`predict\`

      \`evaluate()\`는 \`eval_dataset\`에 대해 모델을 실행하고 손실과 우리가 정의한 지표를 돌려줍니다. 이름 앞에는
      \`eval_\`이 붙습니다. \`predict(dataset)\`은 어떤 데이터셋이든 받아서 예측값 자체도 함께 돌려줍니다.
      `,
    ),
    code(`
      const metrics = await trainer.evaluate();
      metrics;
    `),
    code(`
      const prediction = await trainer.predict(eval_dataset.select([0, 1, 2, 3, 4]));
      rows(prediction.predictions).map((logits, i) => ({
        subject: test_raw.get(i).subject,
        predicted: model.config.id2label[logits.indexOf(Math.max(...logits))],
        truth: model.config.id2label[test_raw.get(i).label],
      }));
    `),
    md(
      `
      ## 7. Checkpoints and resuming

      Every \`save_steps\` steps the Trainer wrote a \`checkpoint-<step>\` folder: the model
      (\`config.json\`, \`model.safetensors\`), the optimizer and scheduler state, the random-number state
      and \`trainer_state.json\` with the log history. That is everything needed to continue exactly
      where training stopped — after a crash, or because you interrupted the kernel.
      `,
      `
      ## 7. 체크포인트와 이어서 학습하기

      Trainer는 \`save_steps\`마다 \`checkpoint-<스텝>\` 폴더를 썼습니다. 모델(\`config.json\`, \`model.safetensors\`),
      옵티마이저와 스케줄러 상태, 난수 생성기 상태, 그리고 로그 기록이 담긴 \`trainer_state.json\`이 들어
      있습니다. 학습이 멈춘 바로 그 지점에서 정확히 이어 가는 데 필요한 것이 모두 들어 있습니다. 프로그램이
      죽었거나 커널을 중단(interrupt)했을 때 유용합니다.
      `,
    ),
    code(`
      const checkpoints = fs.readdirSync(training_args.output_dir).filter((name) => name.startsWith("checkpoint-"));
      console.log(checkpoints);
      console.log(fs.readdirSync(path.join(training_args.output_dir, checkpoints[0])));
    `),
    md(
      `
      A fresh Trainer resumes from the first checkpoint (step 10) and runs the remaining 15 steps. Its
      last logged losses match the uninterrupted run:
      `,
      `
      새 Trainer로 첫 번째 체크포인트(10스텝)에서 출발해 남은 15스텝을 학습합니다. 마지막에 기록된 손실이 중단
      없이 학습한 결과와 같은지 확인해 보세요.
      `,
    ),
    code(`
      const resumedModel = await AutoModelForSequenceClassification.from_pretrained(checkpoint, { num_labels: 2, id2label: { 0: "ham", 1: "spam" } });
      const resumed = new Trainer({
        model: resumedModel, args: training_args, train_dataset: train_dataset, eval_dataset: eval_dataset, tokenizer: tokenizer,
        data_collator: new DataCollatorWithPadding({ tokenizer: tokenizer }), compute_metrics: compute_metrics,
      });
      await resumed.train({ resume_from_checkpoint: path.join(training_args.output_dir, "checkpoint-10") });
      const lastLoss = (history: any[]) => history.filter((e) => e.loss !== undefined).at(-1).loss;
      ({ uninterrupted: lastLoss(trainer.state.log_history), resumed: lastLoss(resumed.state.log_history) });
    `),
    md(
      `
      ## 8. Compare with the bundled spam model

      The bundled \`transformers-lab/bert-tiny-spam\` was fine-tuned on the whole training split for
      several epochs. Its model card (\`models/bert-tiny-spam/README.md\`) lists its settings and test
      accuracy. A quick check on our 200 test e-mails:
      `,
      `
      ## 8. 강의에 포함된 스팸 모델과 비교하기

      \`transformers-lab/bert-tiny-spam\`은 학습 데이터 전체로 여러 에폭 파인튜닝한 모델입니다. 모델 카드
      (\`models/bert-tiny-spam/README.md\`)에 학습 설정과 테스트 정확도가 적혀 있습니다. 우리가 쓴 테스트 메일
      200통으로 빠르게 확인해 보겠습니다.
      `,
    ),
    code(`
      const spamClassifier = await pipeline("text-classification", { model: "transformers-lab/bert-tiny-spam" });
      const emails = test_raw.column("text").map((body: string, i: number) => test_raw.get(i).subject + "\\n" + body);  // its input: subject + body
      const verdicts = await spamClassifier(emails, { truncation: true, batch_size: 32 });
      const bundledAccuracy = verdicts.filter((v: any, i: number) => v.label === model.config.id2label[test_raw.get(i).label]).length / verdicts.length;
      ({ ours_after_one_epoch_on_400: metrics.eval_accuracy, bundled_model: bundledAccuracy });
    `),
    md(
      `
      ## Summary
      - \`load_dataset\` + \`map(fn, { batched: true })\` prepares the data; the tokenizer truncates, the
        collator pads each batch (dynamic padding); \`group_by_length\` reduces padding further.
      - \`TrainingArguments\` holds the training settings; \`Trainer\` runs the loop, logs to
        \`state.log_history\` and draws the loss live.
      - \`evaluate()\` returns \`eval_\`-prefixed metrics from your \`compute_metrics\`; \`predict()\` returns predictions.
      - Checkpoints hold model, optimizer, scheduler and RNG state; \`resume_from_checkpoint\` continues exactly.

      ## Quiz
      `,
      `
      ## 정리
      - \`load_dataset\`과 \`map(fn, { batched: true })\`로 데이터를 준비합니다. 토크나이저는 자르기만 하고, 콜레이터가
        배치마다 패딩합니다(동적 패딩). \`group_by_length\`는 패딩을 더 줄여 줍니다.
      - \`TrainingArguments\`에는 학습 설정이 들어가고, \`Trainer\`는 학습 루프를 돌리며 \`state.log_history\`에 기록하고
        손실 그래프를 실시간으로 그립니다.
      - \`evaluate()\`는 \`compute_metrics\`의 결과를 \`eval_\` 접두사와 함께 돌려주고, \`predict()\`는 예측값을 돌려줍니다.
      - 체크포인트에는 모델, 옵티마이저, 스케줄러, 난수 상태가 모두 들어 있어 \`resume_from_checkpoint\`로 정확히
        이어서 학습할 수 있습니다.

      ## 퀴즈
      `,
    ),
    quiz({
      id: "l05-collator",
      type: "choice",
      points: 1,
      prompt: t("What does `DataCollatorWithPadding` do?", "`DataCollatorWithPadding`은 어떤 일을 할까요?"),
      options: [
        t("Pads every row of the data set to 512 tokens once, before training.", "학습 전에 데이터셋의 모든 행을 512토큰으로 한 번에 패딩한다."),
        t("Builds each batch and pads it to the longest row of that batch.", "배치를 만들 때마다 그 배치에서 가장 긴 행에 맞춰 패딩한다."),
        t("Removes the longest rows.", "가장 긴 행들을 지운다."),
        t("Tokenizes the text column.", "텍스트 열을 토큰화한다."),
      ],
      answer: 1,
      hints: [
        t("Why did we not pass `padding` to the tokenizer in `map`?", "`map`에서 토크나이저에 `padding`을 주지 않은 이유를 생각해 보세요."),
        t("A collator is called once per batch.", "콜레이터는 배치마다 한 번 불립니다."),
        t("Dynamic padding pads to the longest row of the batch at hand.", "동적 패딩은 지금 배치에서 가장 긴 행에 맞춰 채웁니다."),
      ],
      explanation: t("That is dynamic padding: each batch is only as long as its longest row.", "이것이 동적 패딩입니다. 각 배치는 그 배치의 가장 긴 행만큼만 길어집니다."),
    }),
    quiz({
      id: "l05-steps",
      type: "numeric",
      points: 1,
      prompt: t(
        "With 800 training rows, `per_device_train_batch_size: 16` and `num_train_epochs: 3`, how many training steps are there in total?",
        "학습 데이터가 800행이고 `per_device_train_batch_size: 16`, `num_train_epochs: 3`이라면 전체 학습 스텝은 몇 번일까요?",
      ),
      answer: 150,
      tolerance: 0.1,
      hints: [
        t("Steps per epoch × epochs.", "에폭당 스텝 수 × 에폭 수입니다."),
        t("One step processes one batch of 16 rows.", "한 스텝은 16행짜리 배치 하나를 처리합니다."),
        t("800 / 16 steps per epoch, then times the number of epochs.", "에폭당 800 / 16 스텝, 여기에 에폭 수를 곱하세요."),
      ],
      explanation: t("800 / 16 = 50 steps per epoch, × 3 epochs = 150.", "800 / 16 = 에폭당 50스텝, × 3 에폭 = 150스텝입니다."),
    }),
    quiz({
      id: "l05-args",
      type: "multiple",
      points: 1,
      prompt: t("Which of these are `TrainingArguments`? (choose all)", "다음 중 `TrainingArguments`의 인자를 모두 고르세요."),
      options: [
        t("learning_rate", "learning_rate"),
        t("num_train_epochs", "num_train_epochs"),
        t("hidden_size", "hidden_size"),
        t("group_by_length", "group_by_length"),
        t("id2label", "id2label"),
      ],
      answer: [0, 1, 3],
      hints: [
        t("Two of them describe the model, not the training.", "두 개는 학습이 아니라 모델을 설명합니다."),
        t("hidden_size and id2label appeared in lesson 4's config.", "hidden_size와 id2label은 4강의 config에 나왔습니다."),
        t("The other three change how training runs: speed, length and batching.", "나머지 셋은 학습 방식을 바꿉니다. 속도, 길이, 배치 구성입니다."),
      ],
      explanation: t("hidden_size and id2label are config fields (lesson 4).", "hidden_size와 id2label은 config의 필드입니다(4강)."),
    }),
    quiz({
      id: "l05-eval-prefix",
      type: "text",
      points: 1,
      prompt: t(
        "`compute_metrics` returns `{ accuracy }`. Under which key does `trainer.evaluate()` report it?",
        "`compute_metrics`가 `{ accuracy }`를 돌려줍니다. `trainer.evaluate()`의 결과에서는 어떤 키로 나올까요?",
      ),
      answers: ["eval_accuracy"],
      hints: [
        t("Look at the keys of `metrics` above.", "위에서 출력한 `metrics`의 키를 보세요."),
        t("Every metric from evaluate() gets the same prefix as `eval_loss`.", "evaluate()의 지표는 모두 `eval_loss`와 같은 접두사가 붙습니다."),
        t("Prefix + underscore + the name compute_metrics used.", "접두사 + 밑줄 + compute_metrics가 쓴 이름입니다."),
      ],
      explanation: t("evaluate() prefixes every metric with `eval_`: eval_loss, eval_accuracy, …", "evaluate()는 모든 지표 앞에 `eval_`을 붙입니다: eval_loss, eval_accuracy, …"),
    }),
    quiz({
      id: "l05-group",
      type: "choice",
      points: 1,
      prompt: t("What is `group_by_length` for?", "`group_by_length`는 무엇을 위한 옵션일까요?"),
      options: [
        t("It sorts the test set for evaluation.", "평가를 위해 테스트셋을 정렬한다."),
        t("It puts rows of similar length in the same batch, so dynamic padding adds less padding.", "길이가 비슷한 행을 같은 배치에 넣어, 동적 패딩으로 생기는 패딩을 줄인다."),
        t("It removes rows longer than max_length.", "max_length보다 긴 행을 지운다."),
        t("It makes every batch the same length.", "모든 배치의 길이를 똑같이 만든다."),
      ],
      answer: 1,
      hints: [
        t("Look at the padding chart in section 3.", "3절의 패딩 그래프를 보세요."),
        t("Dynamic padding pads each batch to its longest row.", "동적 패딩은 배치마다 가장 긴 행에 맞춰 채웁니다."),
        t("If the rows of a batch have similar lengths, how much padding is left?", "한 배치의 행 길이가 비슷하다면 패딩이 얼마나 남을까요?"),
      ],
      explanation: t(
        "Grouping similar lengths cuts wasted computation; it only helps together with dynamic padding.",
        "비슷한 길이끼리 묶으면 낭비되는 계산이 줄어듭니다. 동적 패딩과 함께 쓸 때만 효과가 있습니다.",
      ),
    }),
    quiz({
      id: "l05-checkpoint",
      type: "multiple",
      points: 1,
      prompt: t(
        "What does a Trainer checkpoint folder hold so that training can resume exactly? (choose all)",
        "학습을 정확히 이어 가기 위해 Trainer 체크포인트 폴더에 들어 있는 것을 모두 고르세요.",
      ),
      options: [
        t("the model weights and config", "모델 가중치와 config"),
        t("the optimizer and scheduler state", "옵티마이저와 스케줄러 상태"),
        t("the training data", "학습 데이터"),
        t("trainer_state.json with the log history", "로그 기록이 담긴 trainer_state.json"),
      ],
      answer: [0, 1, 3],
      hints: [
        t("Look at the folder listing in section 7.", "7절의 폴더 목록을 보세요."),
        t("Resuming needs everything that changes while training runs.", "이어서 학습하려면 학습하는 동안 바뀌는 것이 모두 필요합니다."),
        t("The data set does not change during training.", "데이터셋은 학습하는 동안 바뀌지 않습니다."),
      ],
      explanation: t("The data stays where it is; everything that changes during training is saved.", "데이터는 그대로 두고, 학습 중에 바뀌는 것은 모두 저장합니다."),
    }),
    quiz({
      id: "l05-accuracy",
      type: "code",
      points: 2,
      prompt: t(
        "Write `myAccuracy(logits, labels)`: the share of rows whose highest logit is at the index of the true label.",
        "`myAccuracy(logits, labels)`를 작성하세요. 가장 큰 로짓의 위치가 정답 레이블과 같은 행의 비율을 돌려줍니다.",
      ),
      solution: `
        function myAccuracy(logits: number[][], labels: number[]): number {
          // BEGIN SOLUTION
          const predicted = logits.map((row) => row.indexOf(Math.max(...row)));
          return predicted.filter((p, i) => p === labels[i]).length / labels.length;
          // END SOLUTION
        }
      `,
      tests: `
        assert.equal(myAccuracy([[0.1, 2], [3, -1]], [1, 0]), 1);
        assert.equal(myAccuracy([[0.1, 2], [3, -1]], [0, 0]), 0.5);
      `,
      hidden_tests: `
        assert.equal(myAccuracy([[1, 2, 3], [3, 2, 1], [0, 5, 0], [2, 2.5, 1]], [2, 0, 0, 1]), 0.75);
      `,
      hints: [
        t("`row.indexOf(Math.max(...row))` is the predicted label of a row.", "`row.indexOf(Math.max(...row))`가 한 행의 예측 레이블입니다."),
        t("Loop over the rows; compare each row's argmax with `labels[i]`.", "행마다 돌면서 각 행의 argmax를 `labels[i]`와 비교하세요."),
        t("Count the matches and divide by `logits.length`.", "맞은 개수를 세어 `logits.length`로 나누세요."),
      ],
      explanation: t("Accuracy = correct predictions / all rows; the prediction is the argmax of the logits.", "정확도 = 맞힌 개수 / 전체 행 수이고, 예측은 로짓의 argmax입니다."),
    }),
  ],
};
