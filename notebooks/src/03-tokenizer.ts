import { Lesson, code, md, quiz, t } from "./lesson";

// Lesson 3: tokenizers — subwords, WordPiece vs byte-level BPE, special tokens, pairs, padding,
// truncation, batches, mismatches and training a tokenizer on the Brown corpus.
export const lesson: Lesson = {
  name: "03-tokenizer",
  title: t("Lesson 3 — Tokenizer", "3강 — 토크나이저(Tokenizer)"),
  cells: [
    md(
      `
      # Lesson 3 — Tokenizer

      Model and tokenizer come as a pair. Two models with exactly the same parameters become different
      models if their tokenizers differ, because the same id then means a different piece of text. In
      this lesson we use the **real vocabularies** of three famous checkpoints, bundled with the course:

      | id | algorithm | vocabulary |
      |---|---|---|
      | \`transformers-lab/bert-base-uncased\` | WordPiece, lower-cases everything | 30,522 |
      | \`transformers-lab/bert-base-cased\` | WordPiece, keeps case | 28,996 |
      | \`transformers-lab/gpt2\` | byte-level BPE | 50,257 |
      `,
      `
      # 3강 — 토크나이저(Tokenizer)

      모델과 토크나이저는 한 쌍입니다. 파라미터 구조가 완전히 같은 모델이라도 토크나이저가 다르면 같은 id가
      다른 글자 조각을 뜻하게 되므로, 사실상 전혀 다른 모델이 됩니다. 이번 강의에서는 유명한 체크포인트 세
      개의 **실제 어휘 사전**을 사용합니다. 모두 강의 패키지에 포함되어 있습니다.

      | id | 알고리즘 | 어휘 수 |
      |---|---|---|
      | \`transformers-lab/bert-base-uncased\` | WordPiece, 모두 소문자로 바꿈 | 30,522 |
      | \`transformers-lab/bert-base-cased\` | WordPiece, 대소문자 구분 | 28,996 |
      | \`transformers-lab/gpt2\` | 바이트 수준(byte-level) BPE | 50,257 |
      `,
    ),
    md(
      `
      ## 1. Why subwords?

      - **Words** as tokens: the vocabulary would need every form of every word ("run", "runs",
        "running", "rerun" …) and any new word would be unknown.
      - **Characters** as tokens: nothing is unknown, but sentences become very long and single
        characters carry little meaning.
      - **Subwords** sit in between: frequent words stay whole, rare words are split into frequent
        pieces. A vocabulary of 30k–50k pieces covers almost any text.

      Let us load the three tokenizers and split the same sentence.
      `,
      `
      ## 1. 왜 서브워드(subword)일까?

      - **단어** 단위로 자르면 "run", "runs", "running", "rerun"처럼 모든 단어의 모든 형태가 어휘 사전에
        있어야 하고, 처음 보는 단어는 전부 모르는 토큰이 됩니다.
      - **문자** 단위로 자르면 모르는 토큰은 없지만 문장이 매우 길어지고, 글자 하나에는 의미가 거의 없습니다.
      - **서브워드**는 그 중간입니다. 자주 나오는 단어는 통째로 두고, 드문 단어는 자주 나오는 조각으로
        나눕니다. 3만~5만 개의 조각만으로 거의 모든 텍스트를 표현할 수 있습니다.

      세 토크나이저를 불러와 같은 문장을 잘라 보겠습니다.
      `,
    ),
    code(`
      const uncased = await AutoTokenizer.from_pretrained("transformers-lab/bert-base-uncased");
      const cased = await AutoTokenizer.from_pretrained("transformers-lab/bert-base-cased");
      const gpt2 = await AutoTokenizer.from_pretrained("transformers-lab/gpt2");
      const sentence = "Tokenizers split unbelievably rare words like Transformers into pieces.";
      ({
        "bert-base-uncased": uncased.tokenize(sentence),
        "bert-base-cased": cased.tokenize(sentence),
        "gpt2": gpt2.tokenize(sentence),
      });
    `),
    md(
      `
      Two conventions show the difference between the algorithms:
      - **WordPiece** (BERT) marks a piece that *continues* a word with \`##\`: \`un\`, \`##bel\`, \`##ie\` …
      - **Byte-level BPE** (GPT-2) works on bytes and marks a piece that *starts after a space* with
        \`Ġ\`. Since every byte is in the vocabulary, GPT-2 never needs an unknown token.

      The uncased tokenizer lower-cases first, so "Transformers" and "transformers" are the same to
      it; the cased one keeps them apart.

      ## 2. tokenize → ids → decode

      Calling the tokenizer does all of it at once and adds the model's **special tokens**. Let us do
      it step by step:
      `,
      `
      알고리즘의 차이는 두 가지 표기에서 드러납니다.
      - **WordPiece**(BERT)는 단어의 *중간부터 이어지는* 조각에 \`##\`을 붙입니다. \`un\`, \`##bel\`, \`##ie\` …
      - **바이트 수준 BPE**(GPT-2)는 바이트 단위로 동작하고, *공백 뒤에서 시작하는* 조각에 \`Ġ\`를 붙입니다.
        모든 바이트가 어휘 사전에 있으므로 GPT-2에는 모르는 토큰이 생기지 않습니다.

      uncased 토크나이저는 먼저 소문자로 바꾸기 때문에 "Transformers"와 "transformers"를 구분하지 않고,
      cased 토크나이저는 둘을 구분합니다.

      ## 2. 토큰화 → id → 디코딩

      토크나이저를 함수처럼 호출하면 이 과정을 한 번에 처리하고, 모델에 필요한 **특수 토큰(special token)**도
      붙여 줍니다. 한 단계씩 따라가 보겠습니다.
      `,
    ),
    code(`
      const pieces = cased.tokenize("This is a test for Transformers Lab");
      const ids = cased.convert_tokens_to_ids(pieces);
      const encoding = cased("This is a test for Transformers Lab");
      ({
        pieces,
        ids,
        input_ids: encoding.input_ids,
        back_to_tokens: cased.convert_ids_to_tokens(encoding.input_ids),
        decoded: cased.decode(encoding.input_ids),
        decoded_without_specials: cased.decode(encoding.input_ids, { skip_special_tokens: true }),
      });
    `),
    md(
      `
      The call added \`[CLS]\` (id 101) at the start and \`[SEP]\` (id 102) at the end. BERT was
      pre-trained with them, so it expects them. GPT-2 was trained differently and adds nothing. Every
      tokenizer knows its special tokens:
      `,
      `
      호출 결과를 보면 맨 앞에 \`[CLS]\`(id 101), 맨 뒤에 \`[SEP]\`(id 102)가 붙었습니다. BERT는 이 토큰들과
      함께 사전학습되었기 때문에 입력에 꼭 있어야 합니다. GPT-2는 다른 방식으로 학습되어 아무것도 붙이지
      않습니다. 토크나이저마다 자신의 특수 토큰을 알고 있습니다.
      `,
    ),
    code(`
      ({
        bert: { cls: [cased.cls_token, cased.cls_token_id], sep: [cased.sep_token, cased.sep_token_id],
                pad: [cased.pad_token, cased.pad_token_id], mask: [cased.mask_token, cased.mask_token_id],
                unk: [cased.unk_token, cased.unk_token_id] },
        gpt2: { bos: gpt2.bos_token, eos: gpt2.eos_token, eos_id: gpt2.eos_token_id },
        gpt2_ids: gpt2("This is a test for Transformers Lab").input_ids,
      });
    `),
    md(
      `
      ## 3. Sentence pairs and \`token_type_ids\`

      Some tasks read two texts at once (question + context, premise + hypothesis). Pass the second
      text as \`text_pair\`: BERT joins them as \`[CLS] A [SEP] B [SEP]\` and \`token_type_ids\` says which
      segment each token belongs to.
      `,
      `
      ## 3. 문장 쌍과 \`token_type_ids\`

      질문과 문맥, 전제와 가설처럼 두 텍스트를 함께 읽어야 하는 태스크도 있습니다. 두 번째 텍스트를
      \`text_pair\`로 넘기면 BERT는 \`[CLS] A [SEP] B [SEP]\` 형태로 이어 붙이고, \`token_type_ids\`로 각 토큰이 어느
      문장에 속하는지 표시합니다.
      `,
    ),
    code(`
      const pair = uncased("Where is the cat?", { text_pair: "The cat sleeps on the mat." });
      uncased.convert_ids_to_tokens(pair.input_ids as number[]).map((token, i) => token + ":" + pair.token_type_ids[i]).join("  ");
    `),
    md(
      `
      ## 4. Batches: padding, truncation, attention masks, tensors

      A model takes a rectangular batch. \`padding: true\` pads every sentence to the longest one,
      \`truncation: true\` with \`max_length\` cuts long ones, and \`attention_mask\` marks the real tokens.
      \`return_tensors: "pt"\` returns Tensors instead of plain lists (the name comes from PyTorch).
      `,
      `
      ## 4. 배치: 패딩, 자르기(truncation), 어텐션 마스크, 텐서

      모델에는 직사각형 모양의 배치를 넣어야 합니다. \`padding: true\`는 모든 문장을 가장 긴 문장 길이에 맞춰
      채우고, \`truncation: true\`와 \`max_length\`는 긴 문장을 잘라 냅니다. \`attention_mask\`는 실제 토큰이 어디인지
      표시합니다. \`return_tensors: "pt"\`를 주면 일반 리스트 대신 텐서를 돌려줍니다(이름은 PyTorch에서
      왔습니다).
      `,
    ),
    code(`
      const batch_sentences = ["Hello, I'm a single sentence!", "And another sentence", "And the very very last one, which is a lot longer than the others"];
      const plainBatch = uncased(batch_sentences);
      console.log("lengths without padding:", plainBatch.input_ids.map((row: number[]) => row.length));
      const batch = uncased(batch_sentences, { padding: true, truncation: true, max_length: 12, return_tensors: "pt" });
      batch;
    `),
    md(
      `
      Padding to the longest sentence *of each batch* is called **dynamic padding**; it wastes far less
      than padding everything to 512. We will use it again with the Trainer in lesson 5.

      ## 5. What goes wrong with a mismatched tokenizer

      The ids mean nothing without the vocabulary that produced them. Encode with the cased BERT
      vocabulary and decode with the uncased one, or with GPT-2's:
      `,
      `
      배치마다 *그 배치에서 가장 긴 문장*에 맞춰 패딩하는 것을 **동적 패딩(dynamic padding)**이라고 합니다. 모든
      문장을 512까지 채우는 것보다 낭비가 훨씬 적습니다. 5강에서 Trainer와 함께 다시 사용합니다.

      ## 5. 토크나이저를 잘못 짝지으면?

      id는 그것을 만든 어휘 사전이 있어야 의미가 있습니다. cased BERT 어휘로 인코딩한 뒤 uncased 어휘나 GPT-2
      어휘로 디코딩해 보겠습니다.
      `,
    ),
    code(`
      const idsFromCased = cased("The weather in Seoul is lovely today.").input_ids;
      ({
        cased_decodes_cased: cased.decode(idsFromCased),
        uncased_decodes_cased: uncased.decode(idsFromCased),
        gpt2_decodes_cased: gpt2.decode(idsFromCased),
      });
    `),
    md(
      `
      The model would receive exactly this garbage: the ids are valid numbers, so nothing fails loudly,
      but the model reads different words than you wrote and its quality silently collapses. Always load
      the tokenizer from **the same id** as the model.

      ## 6. How long are real sentences?

      Sequence length drives memory and time (attention grows with its square). Let us measure the
      Brown corpus — 57,000 sentences of American English from 15 genres — with two tokenizers.
      `,
      `
      모델은 바로 이 엉뚱한 문장을 받게 됩니다. id 자체는 유효한 숫자이므로 오류는 나지 않지만, 모델은 우리가
      쓴 것과 다른 단어를 읽게 되어 성능이 소리 없이 무너집니다. 토크나이저는 반드시 모델과 **같은 id**로
      불러오세요.

      ## 6. 실제 문장은 몇 토큰일까?

      시퀀스 길이는 메모리와 시간을 좌우합니다(어텐션 계산량은 길이의 제곱에 비례합니다). 15개 장르의 미국
      영어 문장 57,000개로 이루어진 Brown 코퍼스를 두 토크나이저로 재 보겠습니다.
      `,
    ),
    code(
      `
      const brown = load_dataset("brown", { split: "train" });
      const sample: string[] = brown.shuffle({ seed: 42 }).select([...Array(2000).keys()]).column("text");
      const bertLengths = uncased(sample).input_ids.map((row: number[]) => row.length);
      const gptLengths = gpt2(sample).input_ids.map((row: number[]) => row.length);
      plot(
        [
          { type: "histogram", x: bertLengths, name: "bert-base-uncased", opacity: 0.6, xbins: { size: 4 } },
          { type: "histogram", x: gptLengths, name: "gpt2", opacity: 0.6, xbins: { size: 4 } },
        ],
        { title: "Tokens per Brown sentence (2,000 sentences)", barmode: "overlay", xaxis: { title: "tokens" }, yaxis: { title: "sentences" } },
      );
      `,
      `
      const brown = load_dataset("brown", { split: "train" });
      const sample: string[] = brown.shuffle({ seed: 42 }).select([...Array(2000).keys()]).column("text");
      const bertLengths = uncased(sample).input_ids.map((row: number[]) => row.length);
      const gptLengths = gpt2(sample).input_ids.map((row: number[]) => row.length);
      plot(
        [
          { type: "histogram", x: bertLengths, name: "bert-base-uncased", opacity: 0.6, xbins: { size: 4 } },
          { type: "histogram", x: gptLengths, name: "gpt2", opacity: 0.6, xbins: { size: 4 } },
        ],
        { title: "Brown 문장당 토큰 수 (2,000문장)", barmode: "overlay", xaxis: { title: "토큰 수" }, yaxis: { title: "문장 수" } },
      );
      `,
    ),
    code(
      `
      const share = (lengths: number[], limit: number) => lengths.filter((n) => n <= limit).length / lengths.length;
      ({ "≤ 64 tokens (bert)": share(bertLengths, 64), "≤ 128 tokens (bert)": share(bertLengths, 128), "longest (bert)": Math.max(...bertLengths) });
      `,
      `
      const share = (lengths: number[], limit: number) => lengths.filter((n) => n <= limit).length / lengths.length;
      ({ "64토큰 이하 (bert)": share(bertLengths, 64), "128토큰 이하 (bert)": share(bertLengths, 128), "가장 긴 문장 (bert)": Math.max(...bertLengths) });
      `,
    ),
    md(
      `
      Almost every sentence fits in 64 tokens, so \`max_length: 64\` would truncate very little and
      save a lot of work compared to 512.

      ## 7. Training a tokenizer on your own corpus

      A new domain or a new language deserves its own vocabulary. \`train_new_from_iterator\` keeps the
      algorithm and the settings of an existing tokenizer but learns a new vocabulary from your texts.
      Here we learn a 2,000-piece byte-level BPE from Brown sentences:
      `,
      `
      거의 모든 문장이 64토큰 안에 들어가므로, \`max_length: 64\`로 잘라도 잃는 것은 거의 없고 512보다 계산은
      훨씬 줄어듭니다.

      ## 7. 나만의 코퍼스로 토크나이저 학습하기

      새로운 도메인이나 새로운 언어에는 그에 맞는 어휘 사전이 필요합니다. \`train_new_from_iterator\`는 기존
      토크나이저의 알고리즘과 설정은 그대로 두고, 우리가 준 텍스트로 어휘 사전만 새로 학습합니다. Brown
      문장으로 2,000개짜리 바이트 수준 BPE를 학습해 보겠습니다.
      `,
    ),
    code(`
      const brownTokenizer = await gpt2.train_new_from_iterator(sample, 2000);
      const probe = "The jury praised the administration of the election.";
      ({
        vocab_size: brownTokenizer.vocab_size,
        gpt2: gpt2.tokenize(probe),
        brown_bpe: brownTokenizer.tokenize(probe),
      });
    `),
    code(`
      import * as fs from "node:fs";
      import * as os from "node:os";
      import * as path from "node:path";
      const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "tlab-03-tokenizer-"));
      const myBrownTokenizer = path.join(workDir, "my-brown-tokenizer");
      await brownTokenizer.save_pretrained(myBrownTokenizer);
      const reloadedTokenizer = await AutoTokenizer.from_pretrained(myBrownTokenizer);
      reloadedTokenizer.tokenize(probe).join(" ") === brownTokenizer.tokenize(probe).join(" ");
    `),
    md(
      `
      With only 2,000 pieces, common words stay whole but rarer ones split into more pieces than with
      GPT-2's 50,257. Vocabulary size is a trade-off between sequence length and the size of the
      embedding matrix (\`vocab_size × hidden_size\` parameters).

      ## Summary
      - Subword tokenizers keep frequent words whole and split rare ones: WordPiece marks continuations
        with \`##\`, byte-level BPE marks word starts with \`Ġ\` and never produces an unknown token.
      - \`tokenizer(text)\` = tokenize + convert to ids + special tokens; \`decode\` goes back.
      - Pairs use \`text_pair\` and \`token_type_ids\`; batches use \`padding\`, \`truncation\`,
        \`max_length\`, \`attention_mask\` and \`return_tensors\`.
      - A model only works with the tokenizer it was trained with.
      - \`train_new_from_iterator\` learns a new vocabulary for your corpus.

      ## Quiz
      `,
      `
      어휘가 2,000개뿐이라 흔한 단어는 그대로 남지만, 드문 단어는 GPT-2(50,257개)보다 더 잘게 쪼개집니다.
      어휘 크기는 시퀀스 길이와 임베딩 행렬 크기(\`vocab_size × hidden_size\`개의 파라미터) 사이의
      트레이드오프입니다.

      ## 정리
      - 서브워드 토크나이저는 흔한 단어는 통째로, 드문 단어는 조각으로 나눕니다. WordPiece는 이어지는 조각에
        \`##\`을, 바이트 수준 BPE는 단어 시작에 \`Ġ\`를 붙이며 모르는 토큰이 생기지 않습니다.
      - \`tokenizer(text)\` = 토큰화 + id 변환 + 특수 토큰 추가이고, \`decode\`는 그 반대입니다.
      - 문장 쌍은 \`text_pair\`와 \`token_type_ids\`로, 배치는 \`padding\`, \`truncation\`, \`max_length\`,
        \`attention_mask\`, \`return_tensors\`로 다룹니다.
      - 모델은 함께 학습된 토크나이저와만 제대로 동작합니다.
      - \`train_new_from_iterator\`로 내 코퍼스에 맞는 어휘 사전을 학습할 수 있습니다.

      ## 퀴즈
      `,
    ),
    quiz({
      id: "l03-why-subwords",
      type: "choice",
      points: 1,
      prompt: t("Why do modern models use subword tokens?", "최근 모델들이 서브워드 토큰을 쓰는 이유는 무엇일까요?"),
      options: [
        t("They make the vocabulary as large as possible.", "어휘 사전을 최대한 크게 만들기 위해서"),
        t("A modest vocabulary covers almost any text, including words never seen whole.", "적당한 크기의 어휘로, 통째로 본 적 없는 단어까지 거의 모든 텍스트를 표현할 수 있어서"),
        t("Characters carry more meaning than words.", "문자가 단어보다 더 많은 의미를 담고 있어서"),
        t("Subwords remove the need for special tokens.", "서브워드를 쓰면 특수 토큰이 필요 없어서"),
      ],
      answer: 1,
      hints: [
        t("Think about unknown words and about sequence length.", "모르는 단어와 시퀀스 길이를 함께 생각해 보세요."),
        t("A word-level vocabulary has no id for a word it never saw; a character-level one makes sequences very long.", "단어 단위 어휘는 처음 보는 단어에 id가 없고, 문자 단위 어휘는 시퀀스가 아주 길어집니다."),
        t("Subwords can spell a rare word out of common pieces.", "서브워드는 드문 단어도 흔한 조각들로 만들어 낼 수 있습니다."),
      ],
      explanation: t(
        "Word vocabularies explode and still miss new words; characters make sequences long. Subwords balance the two.",
        "단어 단위 어휘는 너무 커지면서도 새 단어를 놓치고, 문자 단위는 시퀀스가 너무 길어집니다. 서브워드는 그 균형점입니다.",
      ),
    }),
    quiz({
      id: "l03-wordpiece-prefix",
      type: "text",
      points: 1,
      prompt: t(
        "Which two characters does WordPiece put in front of a piece that continues a word?",
        "WordPiece가 단어 중간부터 이어지는 조각 앞에 붙이는 두 글자는 무엇일까요?",
      ),
      answers: ["##"],
      hints: [
        t("Look at how `unbelievably` was split by the BERT tokenizers.", "BERT 토크나이저가 `unbelievably`를 어떻게 잘랐는지 보세요."),
        t("The marker appears on every piece except the first one of a word.", "이 표시는 한 단어의 첫 조각을 뺀 모든 조각에 붙습니다."),
        t("It is the same symbol written twice.", "같은 기호를 두 번 쓴 것입니다."),
      ],
      explanation: t("`##` marks a continuation piece, e.g. `un ##bel ##ie ##va ##bly`.", "`##`은 이어지는 조각을 뜻합니다. 예: `un ##bel ##ie ##va ##bly`."),
    }),
    quiz({
      id: "l03-cls-id",
      type: "numeric",
      points: 1,
      prompt: t("What is the id of `[CLS]` in the bert-base vocabularies?", "bert-base 어휘 사전에서 `[CLS]`의 id는 몇일까요?"),
      answer: 101,
      tolerance: 0.1,
      hints: [
        t("It is the first id of every BERT encoding above.", "위에서 본 모든 BERT 인코딩의 첫 번째 id입니다."),
        t("[CLS] opens every encoding; [SEP] closes it with 102.", "[CLS]는 모든 인코딩의 맨 앞에 오고, [SEP]은 102로 끝을 닫습니다."),
        t("It is one less than [SEP]'s id.", "[SEP]의 id보다 1 작습니다."),
      ],
      explanation: t("[CLS] = 101, [SEP] = 102, [MASK] = 103, [PAD] = 0, [UNK] = 100.", "[CLS] = 101, [SEP] = 102, [MASK] = 103, [PAD] = 0, [UNK] = 100입니다."),
    }),
    quiz({
      id: "l03-token-types",
      type: "choice",
      points: 1,
      prompt: t(
        "For `tokenizer(\"A?\", { text_pair: \"B.\" })` with BERT, what are the `token_type_ids`?",
        "BERT에서 `tokenizer(\"A?\", { text_pair: \"B.\" })`의 `token_type_ids`는 무엇일까요?",
      ),
      options: [
        t("0 for every token", "모든 토큰이 0"),
        t("0 for [CLS] A ? [SEP], then 1 for B . [SEP]", "[CLS] A ? [SEP]은 0, 그 뒤 B . [SEP]은 1"),
        t("1 for every token", "모든 토큰이 1"),
        t("The position of each token", "각 토큰의 위치 번호"),
      ],
      answer: 1,
      hints: [
        t("Look at the output of section 3.", "3절의 출력을 보세요."),
        t("token_type_ids tell the model which of the two segments a token belongs to.", "token_type_ids는 토큰이 두 구간 중 어디에 속하는지 모델에게 알려 줍니다."),
        t("The first segment keeps its [CLS] and [SEP]; the second segment ends with its own [SEP].", "첫 구간은 [CLS]와 [SEP]을 포함하고, 두 번째 구간은 자기 [SEP]으로 끝납니다."),
      ],
      explanation: t(
        "The first segment, including [CLS] and its [SEP], is 0; the second segment and its closing [SEP] are 1.",
        "[CLS]와 첫 [SEP]까지의 첫 번째 문장은 0, 두 번째 문장과 마지막 [SEP]은 1입니다.",
      ),
    }),
    quiz({
      id: "l03-padding",
      type: "multiple",
      points: 1,
      prompt: t(
        "Which statements about `padding: true` are right? (choose all)",
        "`padding: true`에 대한 설명으로 옳은 것을 모두 고르세요.",
      ),
      options: [
        t("Every sentence is padded to the longest sentence of the batch.", "배치에서 가장 긴 문장의 길이에 맞춰 모든 문장을 채운다."),
        t("Padded positions get 0 in attention_mask.", "패딩된 위치의 attention_mask는 0이다."),
        t("Every sentence is padded to 512 tokens.", "모든 문장을 512토큰까지 채운다."),
        t("Padding removes the [SEP] token.", "패딩하면 [SEP] 토큰이 사라진다."),
      ],
      answer: [0, 1],
      hints: [
        t("Compare the lengths printed before and after padding in section 4.", "4절에서 패딩 전후의 길이를 비교해 보세요."),
        t("`true` means the same as `\"longest\"`.", "`true`는 `\"longest\"`와 같은 뜻입니다."),
        t("Padding adds [PAD] tokens at the end; it never removes a token.", "패딩은 끝에 [PAD] 토큰을 더할 뿐, 토큰을 지우지 않습니다."),
      ],
      explanation: t(
        "`true` means 'longest' (dynamic padding); `'max_length'` would pad to max_length. The mask hides the [PAD] positions; [SEP] stays.",
        "`true`는 'longest', 즉 동적 패딩입니다. 고정 길이로 채우려면 `'max_length'`를 씁니다. 마스크가 [PAD] 위치를 가리고, [SEP]은 그대로 남습니다.",
      ),
    }),
    quiz({
      id: "l03-mismatch",
      type: "choice",
      points: 1,
      prompt: t(
        "You load a model from one id and its tokenizer from another id with a different vocabulary. What happens?",
        "모델은 한 id에서, 토크나이저는 어휘가 다른 id에서 불러왔습니다. 어떤 일이 생길까요?",
      ),
      options: [
        t("An error is always raised when loading.", "불러올 때 항상 오류가 난다."),
        t("It usually runs, but the model reads different words and its predictions become poor.", "대개 실행은 되지만, 모델이 다른 단어를 읽게 되어 예측이 엉망이 된다."),
        t("The tokenizer converts its ids automatically.", "토크나이저가 id를 자동으로 변환해 준다."),
        t("Only the speed changes.", "속도만 달라진다."),
      ],
      answer: 1,
      hints: [
        t("Look at the decodes in section 5: did anything fail?", "5절의 디코딩 결과를 보세요. 오류가 났나요?"),
        t("Ids are plain numbers: any id below the vocabulary size is valid for the model.", "id는 그냥 숫자입니다. 어휘 크기보다 작은 id라면 모델은 무엇이든 받아들입니다."),
        t("The same id stands for different pieces in the two vocabularies.", "같은 id가 두 어휘에서 서로 다른 조각을 뜻합니다."),
      ],
      explanation: t(
        "Ids are just numbers; a different vocabulary maps them to different pieces. Nothing fails loudly, which makes the mistake dangerous.",
        "id는 그냥 숫자이고, 어휘가 다르면 다른 조각으로 해석됩니다. 눈에 띄는 오류가 없어서 더 위험한 실수입니다.",
      ),
    }),
    quiz({
      id: "l03-batch-code",
      type: "code",
      points: 2,
      prompt: t(
        "Encode `batch_sentences` with `uncased` so that every row has exactly 16 tokens (pad *and* truncate to 16) and Tensors are returned. Store the result in `fixedBatch`.",
        "`batch_sentences`를 `uncased`로 인코딩하되, 모든 행이 정확히 16토큰이 되도록(16에 맞춰 패딩하고 자르기) 하고 텐서로 돌려받으세요. 결과를 `fixedBatch`에 저장하세요.",
      ),
      solution: `
        // BEGIN SOLUTION
        const fixedBatch = uncased(batch_sentences, { padding: "max_length", truncation: true, max_length: 16, return_tensors: "pt" });
        // END SOLUTION
      `,
      tests: `
        assert.deepEqual(fixedBatch.input_ids.shape, [3, 16], "input_ids should be 3 × 16");
        assert.deepEqual(fixedBatch.attention_mask.shape, [3, 16]);
      `,
      hidden_tests: `
        const row1 = fixedBatch.input_ids.tolist()[1];
        assert.equal(row1[row1.length - 1], 0, "the short sentence ends with [PAD]");
        const row2 = fixedBatch.input_ids.tolist()[2];
        assert.equal(row2[row2.length - 1], 102, "a truncated sentence still ends with [SEP]");
      `,
      hints: [
        t("`padding: true` pads only to the longest sentence; which padding value pads to `max_length`?", "`padding: true`는 가장 긴 문장까지만 채웁니다. `max_length`까지 채우는 padding 값은 무엇일까요?"),
        t("You need three options besides `return_tensors: \"pt\"`: padding, truncation and max_length.", "`return_tensors: \"pt\"` 말고 세 가지 옵션이 필요합니다. padding, truncation, max_length입니다."),
        t("Call it like this: `uncased(batch_sentences, { padding: \"max_length\", truncation: true, max_length: 16, … })`", "이렇게 부르면 됩니다: `uncased(batch_sentences, { padding: \"max_length\", truncation: true, max_length: 16, … })`"),
      ],
      explanation: t(
        "`padding: \"max_length\"` pads to `max_length`, `truncation: true` cuts longer rows (keeping [SEP]).",
        "`padding: \"max_length\"`는 `max_length`까지 채우고, `truncation: true`는 더 긴 행을 자릅니다([SEP]은 남깁니다).",
      ),
    }),
  ],
};
