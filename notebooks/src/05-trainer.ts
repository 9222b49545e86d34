import { Lesson, code, codeWithFigures, md, quiz, t } from "./lesson";
import { localized } from "./localized";

// Lesson 5: fine-tuning with the Trainer on a real data set (spam_assassin).
// The figures the prose cites are what the notebook computes (see the codeWithFigures cells).
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
      normal e-mail ("ham"), using the SpamAssassin public corpus (6,046 real e-mails). You will
      - load and tokenize a data set with \`map\`,
      - pad batches dynamically and see when grouping them by length pays off,
      - find the score to beat: the majority-class baseline,
      - train with a live chart that shows the loss and the accuracy on held-out e-mails as training goes,
      - read what \`train()\` returns, evaluate with a one-line \`compute_metrics\`, look at a confusion matrix and \`predict\`,
      - find the checkpoints on disk and resume training from one.

      To keep the lesson fast we train on a sample of 960 e-mails, reading only the subject line and
      the first tokens of each, for one epoch; the bundled spam model (\`transformers-lab/bert-tiny-spam\`)
      was trained on all of them, reading more of each, for longer.
      `,
      `
      # 5강 — Trainer

      \`Trainer\`는 학습 루프를 대신 돌려 줍니다. 배치 만들기, 순전파와 역전파, 옵티마이저(AdamW)와 학습률
      스케줄, 로그 기록, 평가, 체크포인트 저장까지 모두 맡아 줍니다. 우리는 \`TrainingArguments\`로 *무엇을*
      학습할지만 적어 주면, Trainer가 *어떻게*를 처리합니다.

      **이번 강의에서는** 강의용으로 사전학습된 작은 BERT를 파인튜닝(fine-tuning)해서 스팸 메일과 정상
      메일(ham)을 구분하게 만들어 봅니다. 데이터는 실제 이메일 6,046통으로 이루어진 SpamAssassin 공개
      코퍼스입니다.
      - 데이터셋을 불러와 \`map\`으로 토큰화하고,
      - 배치를 동적으로 패딩해 보고, 길이별로 묶는 것이 언제 효과가 있는지 확인하고,
      - 넘어서야 할 기준점인 다수 클래스 기준선(majority-class baseline)을 구하고,
      - 손실과 함께, 학습에 쓰지 않은 메일에 대한 정확도가 실시간으로 그려지는 그래프를 보며 학습하고,
      - \`train()\`이 돌려주는 값을 읽어 보고, 한 줄짜리 \`compute_metrics\`로 평가한 뒤 혼동 행렬을 그리고 \`predict\`도 해 보고,
      - 디스크에 저장된 체크포인트를 확인하고 거기서부터 학습을 이어 갑니다.

      강의가 빨리 끝나도록 960통만 뽑아 제목과 본문 앞부분 몇 토큰만 읽고 1 에폭(epoch)만 학습합니다. 강의에
      포함된 스팸 모델(\`transformers-lab/bert-tiny-spam\`)은 전체 데이터로, 메일을 더 길게 읽으며, 더 오래 학습한
      모델입니다.
      `,
    ),
    md(
      `
      ## 1. The data set

      \`load_dataset("spam_assassin")\` returns a \`DatasetDict\` with a fixed \`train\` / \`test\` split.
      Each row has the e-mail \`text\` (its body), its \`subject\` and a \`label\` (0 = ham, 1 = spam).
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
      const train_raw = raw_datasets.train.shuffle({ seed: 42 }).select([...Array(960).keys()]);
      const test_raw = raw_datasets.test.shuffle({ seed: 42 }).select([...Array(200).keys()]);
      const first = train_raw.get(0);
      ({ subject: first.subject, label: train_raw.features.label.names[first.label], text: first.text.slice(0, 300) + "…" });
    `),
    md(
      `
      ## 2. Tokenizing with \`map\`

      \`map\` applies a function to every row and adds the columns it returns. With \`batched: true\` the
      function receives many rows at once (a dict of column lists), which is much faster. The model reads
      the subject line, a line break and the body, as the bundled spam model does. We truncate to 48
      tokens but do **not** pad yet — padding happens later, batch by batch.
      `,
      `
      ## 2. \`map\`으로 토큰화하기

      \`map\`은 모든 행에 함수를 적용하고, 함수가 돌려준 열을 데이터셋에 추가합니다. \`batched: true\`를 주면 함수가
      여러 행을 한꺼번에(열 이름 → 리스트) 받기 때문에 훨씬 빠릅니다. 강의에 포함된 스팸 모델처럼, 모델에는 제목,
      줄바꿈, 본문을 이어 붙여 넣습니다. 48토큰으로 자르기만 하고 패딩은 **아직 하지 않습니다.** 패딩은 나중에 배치
      단위로 합니다.
      `,
    ),
    code(`
      const checkpoint = "transformers-lab/bert-tiny-brown";
      const tokenizer = await AutoTokenizer.from_pretrained(checkpoint);
      function tokenize_function(batch: { subject: string[]; text: string[] }) {
        const emails = batch.subject.map((subject, i) => subject + "\\n" + batch.text[i]);
        return tokenizer(emails, { truncation: true, max_length: 48 });
      }
      const train_dataset = train_raw.map(tokenize_function, { batched: true });
      const eval_dataset = test_raw.map(tokenize_function, { batched: true });
      train_dataset;
    `),
    md(
      `
      ## 3. Dynamic padding and \`group_by_length\`

      Rows may have different lengths. A **data collator** builds each batch and pads it to the longest
      row *of that batch* (\`DataCollatorWithPadding\`). If a batch mixes short and long rows, the short
      ones are padded a lot. \`group_by_length: true\` makes the Trainer put rows of similar length into
      the same batch: it shuffles, cuts the data into mega-batches of 50 batches and sorts each one by
      length. Let us measure how much of the computed tokens is padding, with batches of 16 in random
      order and grouped that way — once for our e-mails and once for their subject lines alone:
      `,
      `
      ## 3. 동적 패딩과 \`group_by_length\`

      행마다 길이가 다를 수 있습니다. **데이터 콜레이터(data collator)**가 배치를 만들면서 *그 배치에서* 가장 긴
      행에 맞춰 패딩합니다(\`DataCollatorWithPadding\`). 한 배치에 짧은 행과 긴 행이 섞이면 짧은 행에 패딩이
      잔뜩 붙겠죠. \`group_by_length: true\`를 주면 Trainer가 길이가 비슷한 행끼리 같은 배치로 묶습니다. 데이터를
      섞은 다음 배치 50개 분량씩 큰 묶음(mega-batch)으로 나누고, 묶음마다 길이순으로 정렬하는 방식입니다.
      배치 크기 16으로, 무작위 순서일 때와 이렇게 묶었을 때 계산한 토큰 중 패딩이 얼마나 되는지 재 보겠습니다.
      한 번은 우리 메일로, 한 번은 메일 제목만으로 재 봅니다.
      `,
    ),
    codeWithFigures(
      { emails_cut: 958, emails_random_pct: 0, emails_grouped_pct: 0, subjects_random_pct: 50.4, subjects_grouped_pct: 4.6 },
      ...localized(
        `
        /** {{shareDoc}} */
        function paddingShare(lengths: number[], order: number[], batchSize = 16): number {
          let real = 0, computed = 0;
          for (let i = 0; i < order.length; i += batchSize) {
            const batchLengths = order.slice(i, i + batchSize).map((j) => lengths[j]);
            real += batchLengths.reduce((a, b) => a + b, 0);
            computed += Math.max(...batchLengths) * batchLengths.length;   // {{padded}}
          }
          return 1 - real / computed;
        }
        /** {{groupDoc}} */
        function groupedByLength(lengths: number[], batchSize = 16): number[] {
          const order = [...lengths.keys()];                                   // {{shuffled}}
          const mega = 50 * batchSize;
          return order.flatMap((_, s) => (s % mega === 0 ? order.slice(s, s + mega).sort((a, b) => lengths[b] - lengths[a]) : []));
        }
        const percent = (share: number) => Math.round(1000 * share) / 10;
        const emailLengths: number[] = train_dataset.column("input_ids").map((ids: number[]) => ids.length);
        const subjectLengths: number[] = tokenizer(train_raw.column("subject"), { truncation: true, max_length: 48 }).input_ids.map((ids: number[]) => ids.length);
        const padding = [emailLengths, subjectLengths].map((lengths) => [paddingShare(lengths, [...lengths.keys()]), paddingShare(lengths, groupedByLength(lengths))].map(percent));
        display(plot(
          [{{traces}}].map((name, k) => ({
            type: "bar", name, x: [{{groups}}], y: padding.map((p) => p[k]), text: padding.map((p) => p[k].toFixed(1) + " %"), textposition: "outside",
          })),
          { title: {{title}}, barmode: "group", yaxis: { title: {{axis}}, range: [0, 100] } },
        ));
        ({
          emails_cut: emailLengths.filter((n) => n === 48).length,
          emails_random_pct: padding[0][0], emails_grouped_pct: padding[0][1],
          subjects_random_pct: padding[1][0], subjects_grouped_pct: padding[1][1],
        });
        `,
        {
          shareDoc: t("The share of the tokens in the batches that is padding, when rows are batched in `order`.", "행을 `order` 순서로 배치에 담을 때, 배치의 토큰 중 패딩이 차지하는 비율"),
          padded: t("every row padded to the longest", "모든 행을 가장 긴 행에 맞춰 채움"),
          groupDoc: t("The Trainer's group_by_length order: mega-batches of 50 batches, each sorted longest first.", "Trainer의 group_by_length 순서: 배치 50개 분량의 묶음마다 긴 것부터 정렬"),
          shuffled: t("the rows are already shuffled", "행은 이미 섞여 있음"),
          traces: t('"random batches", "grouped by length"', '"무작위 배치", "길이별로 묶은 배치"'),
          groups: t('"e-mails (48 tokens)", "subject lines"', '"메일(48토큰)", "메일 제목"'),
          title: t('"Share of computed tokens that are padding"', '"계산한 토큰 중 패딩이 차지하는 비율"'),
          axis: t('"% padding"', '"패딩 비율(%)"'),
        },
      ),
    ),
    md(
      `
      958 of our 960 e-mails fill all 48 tokens (what is longer was cut off), so every batch is
      already full: padding is 0.0 % of the tokens in random batches and 0.0 %
      grouped — nothing to save. Subject lines are short and of very different lengths: in random batches
      50.4 % of the computed tokens would be padding, grouped by length only 4.6 %.
      \`group_by_length\` pays off when lengths vary; it costs nothing when they do not, so we leave it on.
      `,
      `
      메일 960통 가운데 958통이 48토큰을 꽉 채웁니다(넘치는 부분은 잘렸습니다). 그래서 배치가 이미 꽉
      차 있고, 패딩은 무작위 배치에서 0.0 %, 길이별로 묶어도 0.0 %로 줄일 것이 없습니다. 반면
      메일 제목은 짧고 길이가 제각각입니다. 무작위 배치라면 계산하는 토큰의 50.4 %가 패딩이지만, 길이별로
      묶으면 4.6 %밖에 되지 않습니다. \`group_by_length\`는 길이가 들쭉날쭉할 때 효과가 있고, 그렇지
      않을 때도 손해 볼 것은 없으니 켜 두겠습니다.
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
        per_device_eval_batch_size: 100,
        learning_rate: 1e-3,
        lr_scheduler_type: "constant",
        weight_decay: 0.01,
        logging_steps: 10,
        eval_strategy: "steps",
        eval_steps: 10,
        save_strategy: "steps",
        save_steps: 25,
        group_by_length: true,
        seed: 42,
      });
      training_args;
    `),
    md(
      `
      A few of these deserve a word:
      - \`per_device_train_batch_size\` — rows per training step; 960 rows / 16 = 60 steps per epoch.
      - \`learning_rate\`, \`lr_scheduler_type\`, \`weight_decay\` — the AdamW optimizer and its schedule. The
        default schedule ("linear") lowers the rate step by step to 0; for a run of only 60 steps we keep
        it constant.
      - \`logging_steps\` — how often the training loss is recorded; \`save_steps\` — how often a checkpoint is written.
      - \`eval_strategy: "steps"\` with \`eval_steps: 10\` — **evaluation during training**: every 10 steps the
        Trainer pauses, runs the model on \`eval_dataset\` (e-mails it never trains on) and logs
        \`eval_loss\` and your metrics. The training loss only says how well the model fits the rows it
        is shown; the evaluation says whether it has learned something that carries over to new e-mails.
        (\`"epoch"\` evaluates at the end of each epoch; \`"no"\`, the default, never.)

      ## 5. The score to beat, metrics and training

      Before training, ask what a model that has learned *nothing* would score. Always answering the
      most frequent class — here "ham" — is right for every ham e-mail. The \`evaluate\` module has the
      usual metrics by name; \`evaluate.load("accuracy")\` scores predictions against references:
      `,
      `
      몇 가지 인자는 짚고 넘어가겠습니다.
      - \`per_device_train_batch_size\` — 학습 한 스텝에 쓰는 행의 수. 960행 / 16 = 에폭당 60스텝입니다.
      - \`learning_rate\`, \`lr_scheduler_type\`, \`weight_decay\` — AdamW 옵티마이저와 그 스케줄입니다. 기본
        스케줄("linear")은 학습률을 스텝마다 조금씩 낮춰 0까지 내립니다. 60스텝밖에 안 되는 짧은 학습이라
        여기서는 학습률을 일정하게("constant") 유지합니다.
      - \`logging_steps\`는 학습 손실을 기록하는 간격, \`save_steps\`는 체크포인트를 저장하는 간격입니다.
      - \`eval_strategy: "steps"\`와 \`eval_steps: 10\` — **학습 중 평가**입니다. 10스텝마다 Trainer가 학습을
        잠시 멈추고, 학습에는 한 번도 쓰지 않는 \`eval_dataset\`으로 모델을 돌려서 \`eval_loss\`와 우리가 정한
        지표를 기록합니다. 학습 손실은 모델이 지금 보고 있는 데이터에 얼마나 잘 맞는지만 알려 줍니다. 처음 보는
        메일에도 통하는 것을 배웠는지는 평가를 해 봐야 알 수 있습니다. (\`"epoch"\`로 두면 에폭이 끝날 때마다
        평가하고, 기본값인 \`"no"\`는 평가하지 않습니다.)

      ## 5. 넘어서야 할 점수, 평가 지표, 그리고 학습

      학습에 앞서, 아무것도 배우지 *않은* 모델이라면 몇 점을 받을지부터 따져 봅시다. 가장 흔한 클래스, 여기서는
      "ham"이라고 늘 답하기만 해도 정상 메일은 전부 맞힙니다. \`evaluate\` 모듈에는 자주 쓰는 지표가 이름별로
      준비되어 있습니다. \`evaluate.load("accuracy")\`는 예측을 정답과 비교해 정확도를 계산합니다.
      `,
    ),
    codeWithFigures(
      { ham_emails: 140, test_emails: 200, baseline_accuracy: 0.7 },
      ...localized(
        `
        const accuracy = evaluate.load("accuracy");
        const eval_labels: number[] = eval_dataset.column("label");
        const baseline_accuracy = accuracy.compute({ predictions: eval_labels.map(() => 0), references: eval_labels }).accuracy;   // {{always}}
        ({ ham_emails: eval_labels.filter((label) => label === 0).length, test_emails: eval_labels.length, baseline_accuracy });
        `,
        { always: t('always "ham"', '늘 "ham"') },
      ),
    ),
    md(
      `
      140 of our 200 test e-mails are ham, so "always ham" already scores **0.7**. A trained model must
      clearly beat that; one that scores 0.7 has most likely learned only how common each class is.

      \`compute_metrics\` receives the predictions (the logits, one row per e-mail) and the true labels
      of the evaluation set and returns a dictionary of numbers. The predicted class is the index of the
      largest logit (\`argmax\`), so with \`evaluate\` it is one line:
      `,
      `
      테스트 메일 200통 중 140통이 정상 메일이라서, "늘 ham"이라고만 답해도 정확도가 벌써 **0.7**입니다. 학습한
      모델이라면 이 점수를 확실히 넘어야 합니다. 정확도가 0.7에 머문다면, 그 모델은 십중팔구 클래스별 비율만
      익힌 것입니다.

      \`compute_metrics\`는 평가 데이터에 대한 예측(메일마다 한 행씩인 로짓)과 정답 레이블을 받아 숫자들의
      딕셔너리를 돌려줍니다. 예측 클래스는 가장 큰 로짓의 위치(\`argmax\`)이므로, \`evaluate\`를 쓰면 한 줄로
      끝납니다.
      `,
    ),
    codeWithFigures(
      { global_step: 60 },
      `
      const compute_metrics = (p: EvalPrediction) => accuracy.compute({ predictions: Tensor.from(p.predictions).argmax(-1), references: p.label_ids });
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
      `,
    ),
    md(
      `
      While it trains, the chart above updates in place: the training loss every 10 steps and, on the
      right axis, the accuracy on the test e-mails from each evaluation.

      \`train()\` returns a \`TrainOutput\` with three fields:
      - \`global_step\` — how many optimizer updates were made: 60 (one per batch of 16, over one epoch).
        Checkpoint folders and log entries are numbered by it.
      - \`training_loss\` — the average training loss over the whole run, not the last value. Early
        steps, when the model is still guessing, weigh in as much as the last ones, so it is higher
        than the loss at the end.
      - \`metrics\` — a summary of the run: \`train_runtime\` (seconds), \`train_samples_per_second\`,
        \`train_steps_per_second\`, \`train_loss\` (the same average) and \`epoch\`.

      Every log entry is also kept in \`trainer.state.log_history\` — training entries with \`loss\`,
      evaluation entries with \`eval_loss\` and \`eval_accuracy\`. Let us check that \`training_loss\` is
      the average of the logged losses, and draw the evaluation curve with the baseline next to it:
      `,
      `
      학습하는 동안 위의 그래프가 제자리에서 갱신됩니다. 10스텝마다 학습 손실이 찍히고, 평가할 때마다 테스트
      메일에 대한 정확도가 오른쪽 축에 찍힙니다.

      \`train()\`은 필드 세 개로 이루어진 \`TrainOutput\`을 돌려줍니다.
      - \`global_step\` — 옵티마이저가 가중치를 갱신한 횟수입니다. 16행짜리 배치마다 한 번씩, 한 에폭 동안 60번
        갱신했습니다. 체크포인트 폴더 이름과 로그 기록의 번호가 바로 이 값입니다.
      - \`training_loss\` — 마지막 값이 아니라 학습 전체에 걸친 학습 손실의 평균입니다. 모델이 아직 찍기 수준이던
        초반 스텝도 마지막 스텝과 똑같은 비중으로 들어가므로, 학습이 끝날 무렵의 손실보다 높게 나옵니다.
      - \`metrics\` — 학습을 요약한 값들입니다. \`train_runtime\`(초), \`train_samples_per_second\`,
        \`train_steps_per_second\`, \`train_loss\`(위와 같은 평균), \`epoch\`이 들어 있습니다.

      모든 기록은 \`trainer.state.log_history\`에도 남습니다. 학습 기록에는 \`loss\`가, 평가 기록에는 \`eval_loss\`와
      \`eval_accuracy\`가 들어 있습니다. \`training_loss\`가 정말 기록된 손실들의 평균인지 확인하고, 평가 곡선을
      기준선과 함께 그려 보겠습니다.
      `,
    ),
    codeWithFigures(
      { training_loss: 0.486, mean_logged_loss: 0.486, last_logged_loss: 0.193, evals_at_baseline: 3, last_eval_accuracy: 0.87 },
      ...localized(
        `
        const history = trainer.state.log_history;
        const logged = history.filter((entry: any) => entry.loss !== undefined);
        const evals = history.filter((entry: any) => entry.eval_accuracy !== undefined);
        const steps = evals.map((e: any) => e.step);
        display(plot(
          [
            { type: "scatter", mode: "lines+markers", x: logged.map((e: any) => e.step), y: logged.map((e: any) => e.loss), name: {{loss}} },
            { type: "scatter", mode: "lines+markers", x: steps, y: evals.map((e: any) => e.eval_accuracy), name: {{accuracy}}, yaxis: "y2" },
            { type: "scatter", mode: "lines", x: steps, y: steps.map(() => baseline_accuracy), name: {{always}}, yaxis: "y2", line: { dash: "dash" } },
          ],
          { title: {{title}}, xaxis: { title: {{step}} }, yaxis: { title: {{lossAxis}} }, yaxis2: { title: {{accuracyAxis}}, overlaying: "y", side: "right", range: [0.5, 1] } },
        ));
        const round3 = (x: number) => Math.round(1000 * x) / 1000;
        ({
          training_loss: round3(train_output.training_loss),
          mean_logged_loss: round3(logged.reduce((sum: number, e: any) => sum + e.loss, 0) / logged.length),   // {{intervals}}
          last_logged_loss: round3(logged.at(-1).loss),
          evals_at_baseline: evals.filter((e: any) => e.eval_accuracy === baseline_accuracy).length,
          last_eval_accuracy: evals.at(-1).eval_accuracy,
        });
        `,
        {
          loss: t('"training loss"', '"학습 손실"'),
          accuracy: t('"eval accuracy"', '"평가 정확도"'),
          always: t('"always ham"', '"늘 ham"'),
          title: t('"Training loss and evaluation accuracy"', '"학습 손실과 평가 정확도"'),
          step: t('"step"', '"스텝"'),
          lossAxis: t('"loss"', '"손실"'),
          accuracyAxis: t('"accuracy"', '"정확도"'),
          intervals: t("6 intervals of 10 steps each", "10스텝씩 6구간"),
        },
      ),
    ),
    md(
      `
      For its first 3 evaluations (steps 10, 20 and 30) the model scores exactly the baseline, 0.7: so
      far it has learned little more than how common ham is — a run stopped here would look like it
      works while it only guesses. Then the evaluation accuracy leaves the dashed line and reaches
      **0.87** at step 60. \`training_loss\` (0.486) is the mean of the six logged losses (0.486), well
      above the last one (0.193), because it counts the early steps too.
      `,
      `
      처음 세 번의 평가(10, 20, 30스텝)에서 모델의 정확도는 기준선과 똑같은 0.7입니다. 아직은 정상 메일이 많다는
      사실 말고는 별로 배운 것이 없다는 뜻입니다. 여기서 학습을 멈췄다면 그럴듯해 보여도 사실은 찍기만 하는
      모델이 남았을 겁니다. 그 뒤로 평가 정확도가 점선을 벗어나 60스텝에서 **0.87**에 이릅니다.
      \`training_loss\`(0.486)는 기록된 손실 여섯 개의 평균(0.486)과 같고, 초반 스텝까지 함께 세기 때문에 마지막
      손실(0.193)보다 한참 높습니다.
      `,
    ),
    md(
      `
      ## 6. \`evaluate\`, the confusion matrix and \`predict\`

      \`evaluate()\` runs the model on \`eval_dataset\` and returns the loss and your metrics, each name
      prefixed with \`eval_\`. \`predict(dataset)\` returns the raw predictions as well, for any data set.
      `,
      `
      ## 6. \`evaluate\`, 혼동 행렬, \`predict\`

      \`evaluate()\`는 \`eval_dataset\`에 대해 모델을 실행하고 손실과 우리가 정의한 지표를 돌려줍니다. 이름 앞에는
      \`eval_\`이 붙습니다. \`predict(dataset)\`은 어떤 데이터셋이든 받아서 예측값 자체도 함께 돌려줍니다.
      `,
    ),
    codeWithFigures(
      { eval_accuracy: 0.87 },
      `
      const metrics = await trainer.evaluate();
      metrics;
      `,
    ),
    md(
      `
      Accuracy is one number; a **confusion matrix** shows which mistakes make it up: one row per true
      class, one column per predicted class.
      `,
      `
      정확도는 숫자 하나일 뿐입니다. **혼동 행렬(confusion matrix)**을 그리면 어떤 실수가 모여 그 숫자가 되었는지
      보입니다. 행은 실제 클래스, 열은 예측한 클래스입니다.
      `,
    ),
    codeWithFigures(
      { ham_as_ham: 121, ham_as_spam: 19, spam_as_ham: 7, spam_as_spam: 53 },
      ...localized(
        `
        const test_predictions = await trainer.predict(eval_dataset);
        const predicted: number[] = Tensor.from(test_predictions.predictions).argmax(-1).tolist();
        const names: string[] = ["ham", "spam"];
        const matrix = names.map((_, truth) => names.map((_, guess) => predicted.filter((p, i) => eval_labels[i] === truth && p === guess).length));
        display(plot(
          [{ type: "heatmap", z: matrix, x: names.map((n) => {{predicted}} + n), y: names.map((n) => {{true}} + n), text: matrix, texttemplate: "%{text}", colorscale: "Blues", showscale: false }],
          { title: {{title}}, yaxis: { autorange: "reversed" } },
        ));
        ({ ham_as_ham: matrix[0][0], ham_as_spam: matrix[0][1], spam_as_ham: matrix[1][0], spam_as_spam: matrix[1][1] });
        `,
        {
          predicted: t('"predicted "', '"예측 "'),
          true: t('"true "', '"실제 "'),
          title: t('"Confusion matrix (200 test e-mails)"', '"혼동 행렬(테스트 메일 200통)"'),
        },
      ),
    ),
    md(
      `
      The model catches 53 of the 60 spam e-mails and lets 7 through; it also flags 19 of the 140 ham
      e-mails as spam. For a spam filter those are the expensive mistakes — a real message lost in the
      spam folder — which the accuracy alone (0.87) does not show.

      Here are the first three ham and the first three spam e-mails of the test sample, with the model's answer:
      `,
      `
      모델은 스팸 60통 중 53통을 잡아내고 7통을 놓쳤습니다. 그리고 정상 메일 140통 중 19통을 스팸으로 잘못
      분류했습니다. 스팸 필터에서는 이쪽이 더 값비싼 실수입니다. 진짜 메일이 스팸함에 묻혀 버리니까요. 정확도(0.87)
      하나만 봐서는 이런 점이 드러나지 않습니다.

      테스트 표본에서 앞쪽의 정상 메일 세 통과 스팸 세 통을 골라 모델의 답을 확인해 보겠습니다.
      `,
    ),
    codeWithFigures(
      { right: 5, of: 6, ham_taken_for_spam: 1 },
      `
      const shown = [0, 1].flatMap((label) => eval_labels.flatMap((l, i) => (l === label ? [i] : [])).slice(0, 3));
      const examples = shown.map((i) => ({ subject: test_raw.get(i).subject, truth: names[eval_labels[i]], predicted: names[predicted[i]] }));
      console.log(examples);
      ({ right: examples.filter((e) => e.predicted === e.truth).length, of: examples.length, ham_taken_for_spam: examples.filter((e) => e.truth === "ham" && e.predicted === "spam").length });
      `,
    ),
    md(
      `
      5 of the 6 are right, spam and ham alike; the one miss is a ham e-mail taken for spam, like the
      19 in the matrix.
      `,
      `
      6통 중 5통을 맞혔습니다. 스팸도 정상 메일도 제대로 가려냈고, 틀린 한 통은 혼동 행렬의 19통처럼 정상 메일을
      스팸으로 본 경우입니다.
      `,
    ),
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
      The run of 60 steps left \`checkpoint-25\` and \`checkpoint-50\`. A fresh Trainer resumes from the
      checkpoint of step 50 and runs the remaining 10 steps, with the evaluation at step 60. Its last
      logged loss and its last evaluation match the uninterrupted run exactly:
      `,
      `
      60스텝을 학습하는 동안 \`checkpoint-25\`와 \`checkpoint-50\`이 남았습니다. 새 Trainer로 50스텝 체크포인트에서
      출발해 남은 10스텝을 학습하고, 60스텝에서 평가도 합니다. 마지막에 기록된 손실과 마지막 평가 결과가 중단 없이
      학습한 결과와 똑같은지 확인해 보세요.
      `,
    ),
    codeWithFigures(
      { same_loss: true, same_accuracy: true },
      `
      const resumedModel = await AutoModelForSequenceClassification.from_pretrained(checkpoint, { num_labels: 2, id2label: { 0: "ham", 1: "spam" } });
      const resumed = new Trainer({
        model: resumedModel, args: training_args, train_dataset: train_dataset, eval_dataset: eval_dataset, tokenizer: tokenizer,
        data_collator: new DataCollatorWithPadding({ tokenizer: tokenizer }), compute_metrics: compute_metrics,
      });
      await resumed.train({ resume_from_checkpoint: path.join(training_args.output_dir, "checkpoint-50") });
      const last = (entries: any[], key: string) => entries.filter((e) => e[key] !== undefined).at(-1)[key];
      ({
        same_loss: last(resumed.state.log_history, "loss") === last(history, "loss"),
        same_accuracy: last(resumed.state.log_history, "eval_accuracy") === last(history, "eval_accuracy"),
      });
      `,
    ),
    md(
      `
      ## 8. Compare with the bundled spam model

      The bundled \`transformers-lab/bert-tiny-spam\` was fine-tuned from the same tiny BERT on the whole
      training split (4,837 e-mails), reading up to 128 tokens of each, for two epochs. Its model card
      (\`models/bert-tiny-spam/README.md\`) lists its settings and test accuracy. On our 200 test e-mails,
      next to the baseline and our model:
      `,
      `
      ## 8. 강의에 포함된 스팸 모델과 비교하기

      \`transformers-lab/bert-tiny-spam\`은 같은 작은 BERT에서 출발해 학습 데이터 전체(4,837통)로, 메일마다 최대
      128토큰까지 읽으며 2 에폭 파인튜닝한 모델입니다. 모델 카드(\`models/bert-tiny-spam/README.md\`)에 학습 설정과
      테스트 정확도가 적혀 있습니다. 우리가 쓴 테스트 메일 200통으로 기준선, 우리 모델과 나란히 비교해 보겠습니다.
      `,
    ),
    codeWithFigures(
      { always_ham: 0.7, ours: 0.87, bundled_model: 0.965 },
      `
      const spamClassifier = await pipeline("text-classification", { model: "transformers-lab/bert-tiny-spam" });
      const emails = test_raw.column("text").map((body: string, i: number) => test_raw.get(i).subject + "\\n" + body);  // its input: subject + body
      const verdicts = await spamClassifier(emails, { truncation: true, batch_size: 32 });
      const bundledAccuracy = accuracy.compute({ predictions: verdicts.map((v: any) => names.indexOf(v.label)), references: eval_labels }).accuracy;
      ({ always_ham: baseline_accuracy, ours: metrics.eval_accuracy, bundled_model: bundledAccuracy });
      `,
    ),
    md(
      `
      Always answering ham scores 0.7, our model 0.87 after one epoch on 960 e-mails cut to 48 tokens,
      the bundled model 0.965. Both trained models beat the baseline; more data, longer inputs and more
      steps buy the rest.
      `,
      `
      늘 ham이라고 답하면 0.7, 48토큰으로 자른 메일 960통으로 1 에폭 학습한 우리 모델은 0.87, 강의에 포함된 모델은
      0.965입니다. 두 모델 모두 기준선을 넘었고, 나머지 차이는 더 많은 데이터, 더 긴 입력, 더 많은 스텝에서
      나옵니다.
      `,
    ),
    md(
      `
      ## Summary
      - \`load_dataset\` + \`map(fn, { batched: true })\` prepares the data; the tokenizer truncates, the
        collator pads each batch (dynamic padding); \`group_by_length\` cuts padding when lengths vary.
      - First compute the baseline: always answering the most frequent class. A model must beat it.
      - \`TrainingArguments\` holds the training settings; with \`eval_strategy: "steps"\` the Trainer also
        evaluates every \`eval_steps\` steps, and the live chart shows loss and metrics together.
      - \`train()\` returns \`TrainOutput\`: \`global_step\` (updates made), \`training_loss\` (the average over
        the run) and \`metrics\` (runtime, throughput, epoch).
      - \`compute_metrics\` can be one line with \`evaluate.load("accuracy")\`; \`evaluate()\` returns its
        results prefixed with \`eval_\`, \`predict()\` the predictions themselves, from which a confusion
        matrix shows which mistakes the model makes.
      - Checkpoints hold model, optimizer, scheduler and RNG state; \`resume_from_checkpoint\` continues exactly.

      ## Quiz
      `,
      `
      ## 정리
      - \`load_dataset\`과 \`map(fn, { batched: true })\`로 데이터를 준비합니다. 토크나이저는 자르기만 하고, 콜레이터가
        배치마다 패딩합니다(동적 패딩). 길이가 제각각일 때는 \`group_by_length\`가 패딩을 줄여 줍니다.
      - 먼저 기준선을 구합니다. 가장 흔한 클래스로만 답하는 점수이고, 모델은 이 점수를 넘어야 합니다.
      - \`TrainingArguments\`에는 학습 설정이 들어갑니다. \`eval_strategy: "steps"\`를 주면 Trainer가 \`eval_steps\`마다
        평가도 하고, 실시간 그래프에 손실과 지표가 함께 그려집니다.
      - \`train()\`은 \`TrainOutput\`을 돌려줍니다. \`global_step\`은 가중치를 갱신한 횟수, \`training_loss\`는 학습 전체의
        평균 손실, \`metrics\`는 실행 시간, 처리 속도, 에폭 같은 요약입니다.
      - \`compute_metrics\`는 \`evaluate.load("accuracy")\`로 한 줄이면 됩니다. \`evaluate()\`는 그 결과를 \`eval_\` 접두사와
        함께 돌려주고, \`predict()\`는 예측값 자체를 돌려줍니다. 예측값으로 혼동 행렬을 그리면 모델이 어떤 실수를
        하는지 보입니다.
      - 체크포인트에는 모델, 옵티마이저, 스케줄러, 난수 상태가 모두 들어 있어 \`resume_from_checkpoint\`로 정확히
        이어서 학습할 수 있습니다.

      ## 퀴즈
      `,
    ),
    quiz({
      id: "l05-baseline",
      type: "numeric",
      points: 1,
      prompt: t(
        "A test set holds 300 ham and 100 spam e-mails. What accuracy does a model score that always answers \"ham\"?",
        "테스트셋에 정상 메일 300통과 스팸 100통이 있습니다. 늘 \"ham\"이라고만 답하는 모델의 정확도는 얼마일까요?",
      ),
      answer: 0.75,
      tolerance: 0.001,
      hints: [
        t("Which e-mails does \"always ham\" get right?", "\"늘 ham\"은 어떤 메일을 맞힐까요?"),
        t("Accuracy = right answers / all e-mails.", "정확도 = 맞힌 개수 / 전체 메일 수입니다."),
        t("It is right for the 300 ham e-mails, out of 400.", "400통 중 정상 메일 300통을 맞힙니다."),
      ],
      explanation: t(
        "300 / 400 = 0.75: the share of the most frequent class. A trained model has to beat it to have learned anything.",
        "300 / 400 = 0.75, 가장 흔한 클래스의 비율입니다. 학습한 모델이 무언가를 배웠다고 말하려면 이 점수를 넘어야 합니다.",
      ),
    }),
    quiz({
      id: "l05-train-output",
      type: "choice",
      points: 1,
      prompt: t("What is `training_loss` in the `TrainOutput` that `train()` returns?", "`train()`이 돌려준 `TrainOutput`의 `training_loss`는 무엇일까요?"),
      options: [
        t("The loss of the last training step.", "마지막 학습 스텝의 손실"),
        t("The average training loss over all steps of the run.", "학습한 모든 스텝에 걸친 학습 손실의 평균"),
        t("The loss on the evaluation set.", "평가 데이터에 대한 손실"),
        t("The number of optimizer updates.", "옵티마이저가 갱신한 횟수"),
      ],
      answer: 1,
      hints: [
        t("Compare `training_loss` with the last logged loss in section 5.", "5절에서 `training_loss`와 마지막으로 기록된 손실을 비교해 보세요."),
        t("The evaluation loss is logged as `eval_loss`; the number of updates is `global_step`.", "평가 손실은 `eval_loss`로, 갱신 횟수는 `global_step`으로 기록됩니다."),
        t("It equals the mean of the losses in `log_history`.", "`log_history`에 기록된 손실들의 평균과 같습니다."),
      ],
      explanation: t(
        "training_loss averages the loss over the whole run, early steps included, so it is higher than the final loss.",
        "training_loss는 초반 스텝까지 포함해 학습 전체의 손실을 평균한 값이라서, 마지막 손실보다 높습니다.",
      ),
    }),
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
