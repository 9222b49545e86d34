import { Lesson, code, codeWithFigures, md, quiz, t } from "./lesson";
import { koreanDiary } from "./korean-diary";

// Lesson 3: tokenizers — subwords, WordPiece vs byte-level BPE, special tokens, pairs, padding,
// truncation, batches, mismatches, training a tokenizer on the Brown corpus, and a Korean WordPiece
// vocabulary that spells Korean words the English vocabularies turn into [UNK].
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
      ### The model's own class, or \`AutoTokenizer\`

      There are two ways to load a tokenizer. You can name the class written for the model,
      \`BertTokenizer\`, or let \`AutoTokenizer\` read the checkpoint's \`tokenizer_config.json\` and
      choose the class for you. Either way, load it from **the same id as the model**. Both give the
      same encoding of a sentence that is not in any dictionary — "aiffel", the name of a Korean AI
      school:
      `,
      `
      ### 모델 전용 클래스, 또는 \`AutoTokenizer\`

      토크나이저를 불러오는 방법은 두 가지입니다. 모델에 맞춰 만든 클래스 \`BertTokenizer\`를 직접 지정할
      수도 있고, \`AutoTokenizer\`에게 체크포인트의 \`tokenizer_config.json\`을 읽고 클래스를 고르게 할 수도
      있습니다. 어느 쪽이든 **모델과 같은 id**로 불러와야 합니다. 사전에 없는 단어인 "aiffel"(국내 AI
      교육 기관의 이름)이 들어간 문장으로 두 방법을 비교해 보겠습니다.
      `,
    ),
    codeWithFigures(
      {
        tokenizer_class: "BertTokenizer",
        same_encoding: true,
        input_ids: "101 1188 1110 5960 1111 170 11093 1883 102",
        pieces: "This is Test for a ##iff ##el",
      },
      `
      const bertTokenizer = await BertTokenizer.from_pretrained("transformers-lab/bert-base-cased"); // [en] the class written for BERT [ko] BERT 전용 클래스
      const autoTokenizer = await AutoTokenizer.from_pretrained("transformers-lab/bert-base-cased"); // [en] the class named in tokenizer_config.json [ko] tokenizer_config.json에 적힌 클래스
      const aiffel = "This is Test for aiffel";
      const fromBert = bertTokenizer(aiffel);
      const fromAuto = autoTokenizer(aiffel);
      console.log(fromAuto);
      ({
        tokenizer_class: autoTokenizer.constructor.name,
        // [en] the same ids, token types and mask from both classes [ko] 두 클래스가 같은 id, 토큰 타입, 마스크를 만드는지
        same_encoding: JSON.stringify(fromBert) === JSON.stringify(fromAuto),
        input_ids: fromAuto.input_ids.join(" "),
        pieces: autoTokenizer.tokenize(aiffel).join(" "),
      });
      `,
    ),
    md(
      `
      \`AutoTokenizer\` picked \`BertTokenizer\` itself, so the two encodings are identical. Because it
      is a BERT tokenizer, the result holds \`token_type_ids\` and \`attention_mask\` next to
      \`input_ids\`. "aiffel" is unknown as a word, yet it does not become \`[UNK]\`: WordPiece spells it
      as \`a ##iff ##el\`. Code written with the Auto class keeps working when you change the id to
      another model type; the named class documents exactly what you load.
      `,
      `
      \`AutoTokenizer\`도 \`BertTokenizer\`를 골랐기 때문에 두 인코딩은 완전히 같습니다. BERT 토크나이저이므로
      결과에는 \`input_ids\` 외에 \`token_type_ids\`와 \`attention_mask\`도 들어 있습니다. "aiffel"은 사전에 없는
      단어지만 \`[UNK]\`가 되지 않고, WordPiece가 \`a ##iff ##el\`로 나누어 표현합니다. Auto 클래스로 쓴
      코드는 id를 다른 종류의 모델로 바꿔도 그대로 동작하고, 전용 클래스를 쓰면 무엇을 불러오는지가 코드에
      분명히 드러납니다.
      `,
    ),
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
      Here is the same thing with two sentences from the Hugging Face course and the uncased
      vocabulary:
      `,
      `
      Hugging Face 강좌에 나오는 두 문장을 uncased 어휘로 인코딩해도 마찬가지입니다.
      `,
    ),
    codeWithFigures(
      { first_row: "101 1045 1005 2310 2042 3403 2005 1037 17662 12172 2607 2026 2878 2166 1012 102", row_length: 16, pads_in_second_row: 8, huggingface: "hugging ##face" },
      `
      const raw_inputs = ["I've been waiting for a HuggingFace course my whole life.", "I hate this so much!"];
      const inputs = uncased(raw_inputs, { padding: true, truncation: true, return_tensors: "pt" });
      console.log(inputs);
      const rows = inputs.input_ids.tolist() as number[][];
      ({
        first_row: rows[0].join(" "),
        row_length: rows[0].length,
        // [en] [PAD] is id 0 and its attention_mask is 0 [ko] [PAD]의 id는 0이고 attention_mask도 0입니다
        pads_in_second_row: rows[1].filter((id) => id === uncased.pad_token_id).length,
        huggingface: uncased.tokenize("HuggingFace").join(" "),
      });
      `,
    ),
    md(
      `
      The first sentence takes 16 tokens, so the second one is padded with 8 \`[PAD]\` tokens (id 0)
      and its mask ends in eight zeros. The uncased vocabulary has no "huggingface", so it writes the
      word as \`hugging ##face\` (ids 17662 and 12172).
      `,
      `
      첫 문장이 16토큰이므로 두 번째 문장에는 \`[PAD]\`(id 0)가 8개 붙고, 마스크의 끝 여덟 자리는 0이 됩니다.
      uncased 어휘에는 "huggingface"가 없어서 이 단어를 \`hugging ##face\`(id 17662, 12172)로 나누어 씁니다.
      `,
    ),
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

      ## 8. Korean text: \`[UNK]\`, and a vocabulary of our own

      The bert-base vocabularies were learned from English text. Give them a Korean sentence:
      `,
      `
      어휘가 2,000개뿐이라 흔한 단어는 그대로 남지만, 드문 단어는 GPT-2(50,257개)보다 더 잘게 쪼개집니다.
      어휘 크기는 시퀀스 길이와 임베딩 행렬 크기(\`vocab_size × hidden_size\`개의 파라미터) 사이의
      트레이드오프입니다.

      ## 8. 한국어 문장: \`[UNK]\`, 그리고 우리만의 어휘 사전

      bert-base 어휘 사전은 영어 텍스트로 학습되었습니다. 한국어 문장을 넣어 보겠습니다.
      `,
    ),
    codeWithFigures(
      { uncased_pieces: "[UNK] [UNK] [UNK] .", cased_pieces: "[UNK] [UNK] [UNK] .", unknown_words: 3 },
      `
      const koreanSentence = "피곤했지만 뿌듯한 나날이었다.";
      ({
        uncased_pieces: uncased.tokenize(koreanSentence).join(" "),
        cased_pieces: cased.tokenize(koreanSentence).join(" "),
        unknown_words: cased.tokenize(koreanSentence).filter((piece) => piece === cased.unk_token).length,
      });
      `,
    ),
    md(
      `
      All three words become \`[UNK]\`: the model would see "unknown, unknown, unknown, full stop".
      When a word cannot be spelled from the vocabulary's pieces, WordPiece gives up on the whole word.
      This is what happened in lesson 1, where an English sentiment model judged this sentence.

      There are two ways out:
      - **Multilingual checkpoints** such as \`bert-base-multilingual-cased\` were pre-trained on
        Wikipedia in about a hundred languages, Korean among them, with a much larger vocabulary that
        holds Hangul pieces. Loading one needs the Hub, so it is not part of this offline course; the
        code would be the same \`AutoTokenizer.from_pretrained(…)\` call with that id.
      - **A vocabulary of your own**, learned from Korean text with \`train_new_from_iterator\`, as in
        section 7. Korean models such as KoBERT did exactly this on a large Korean corpus.

      Our corpus is 40 short diary sentences written in Korean for this course (they ship with the
      course under its Apache-2.0 licence), half of them happy days and half of them hard ones. The
      label will serve a classifier later; the tokenizer only reads the text.
      `,
      `
      세 단어가 모두 \`[UNK]\`가 되었습니다. 모델 입장에서는 "모름, 모름, 모름, 마침표"라는 문장입니다.
      WordPiece는 어휘 사전의 조각으로 단어를 만들어 낼 수 없으면 그 단어 전체를 포기합니다. 1강에서 영어 감성
      분석 모델이 이 문장을 판단할 때 일어난 일이 바로 이것입니다.

      해결 방법은 두 가지입니다.
      - **다국어(multilingual) 체크포인트**: \`bert-base-multilingual-cased\` 같은 모델은 한국어를 포함해
        약 100개 언어의 위키백과로 사전학습되었고, 한글 조각을 담은 훨씬 큰 어휘 사전을 가지고 있습니다.
        불러오려면 Hub에 접속해야 하므로 오프라인으로 진행하는 이 강의에는 들어 있지 않습니다. 코드는 id만
        바꾼 같은 \`AutoTokenizer.from_pretrained(…)\` 호출입니다.
      - **우리만의 어휘 사전**: 7절처럼 한국어 텍스트로 \`train_new_from_iterator\`를 실행합니다. KoBERT 같은
        한국어 모델도 대규모 한국어 코퍼스로 바로 이 작업을 했습니다.

      코퍼스는 이 강의를 위해 한국어로 직접 쓴 짧은 일기 문장 40개입니다(강의와 함께 Apache-2.0 라이선스로
      배포됩니다). 절반은 즐거운 날, 절반은 힘든 날의 이야기입니다. 라벨은 뒤에서 분류기를 만들 때 쓰고,
      토크나이저는 텍스트만 읽습니다.
      `,
    ),
    codeWithFigures({ num_rows: 40 }, `
      const diary = Dataset.from_dict({
        text: [
          ${koreanDiary.map((d) => JSON.stringify(d.text)).join(",\n          ")},
        ],
        // [en] 1 = a good day, 0 = a hard one [ko] 1 = 즐거운 날, 0 = 힘든 날
        label: [${koreanDiary.map((d) => d.label).join(", ")}],
      });
      diary;
    `),
    codeWithFigures(
      { vocab_size: 300, korean_pieces: "피곤 ##했지만 뿌듯한 나날이었다 .", unknown_words: 0, decoded: "피곤했지만 뿌듯한 나날이었다." },
      `
      // [en] Same algorithm and special tokens as bert-base-cased, vocabulary learned from Korean [ko] bert-base-cased와 같은 알고리즘과 특수 토큰, 어휘만 한국어로 학습
      const koreanTokenizer = cased.train_new_from_iterator(diary.column("text"), 300);
      const koreanIds = koreanTokenizer(koreanSentence).input_ids as number[];
      ({
        vocab_size: koreanTokenizer.vocab_size,
        korean_pieces: koreanTokenizer.tokenize(koreanSentence).join(" "),
        unknown_words: koreanTokenizer.tokenize(koreanSentence).filter((piece) => piece === koreanTokenizer.unk_token).length,
        decoded: koreanTokenizer.decode(koreanIds, { skip_special_tokens: true }),
      });
      `,
    ),
    md(
      `
      Now the sentence is made of real subwords: \`피곤\` (tired) with the ending \`##했지만\` (was …, but),
      then \`뿌듯한\` (proud) and \`나날이었다\` (were the days), and it decodes back to the original text.
      Even 40 sentences were enough, because the endings -했지만, -한 and -이었다 recur in them. A real
      Korean vocabulary is trained the same way on millions of sentences.
      `,
      `
      이제 문장이 진짜 서브워드로 나뉩니다. \`피곤\`에 어미 \`##했지만\`이 붙고, 이어서 \`뿌듯한\`과
      \`나날이었다\`가 나오며, 디코딩하면 원래 문장이 그대로 돌아옵니다. 문장이 40개뿐인데도 이렇게 되는
      것은 -했지만, -한, -이었다 같은 어미가 여러 문장에 되풀이되기 때문입니다. 실제 한국어 어휘 사전도 같은
      방법으로, 다만 수백만 문장으로 학습합니다.
      `,
    ),
    md(
      `
      ### A tiny Korean classifier

      With a tokenizer that reads Korean, a model can learn from Korean text. Here is a very small BERT
      built from a config on our 300-piece vocabulary, trained to tell the good days from the hard ones
      on 30 of the sentences; the other 10 are held out. (Lesson 5 explains the Trainer in detail.)
      `,
      `
      ### 아주 작은 한국어 분류기

      한국어를 읽는 토크나이저가 생기면 모델도 한국어 텍스트로 학습할 수 있습니다. 300개짜리 어휘 사전 위에 config로
      아주 작은 BERT를 만들고, 문장 30개로 즐거운 날과 힘든 날을 구별하도록 학습시킵니다. 나머지 10개는 평가용으로
      남겨 둡니다. (Trainer는 5강에서 자세히 다룹니다.)
      `,
    ),
    codeWithFigures(
      { train_rows: 30, held_out_rows: 10, train_accuracy: 1, held_out_accuracy: 0.4 },
      `
      const diarySplit = diary.train_test_split({ test_size: 0.25, seed: 0 });
      const tokenizeDiary = (batch: { text: string[] }) => koreanTokenizer(batch.text, { truncation: true });
      const diaryTrain = diarySplit.train.map(tokenizeDiary, { batched: true });
      const diaryTest = diarySplit.test.map(tokenizeDiary, { batched: true });
      // [en] one layer, 32-wide: small enough to train in seconds [ko] 층 하나, 너비 32: 몇 초 만에 학습할 만큼 작습니다
      const diaryConfig = new BertConfig({
        vocab_size: koreanTokenizer.vocab_size, hidden_size: 32, num_hidden_layers: 1, num_attention_heads: 2,
        intermediate_size: 64, max_position_embeddings: 32,
        num_labels: 2, id2label: { 0: "hard day", 1: "good day" }, label2id: { "hard day": 0, "good day": 1 },
      });
      manual_seed(0);
      const diaryModel = new BertForSequenceClassification(diaryConfig);
      const accuracy = ({ predictions, label_ids }: EvalPrediction) => {
        const rows = predictions as number[][]; // [en] one row of two logits per sentence [ko] 문장마다 로짓 두 개짜리 행 하나
        const labels = label_ids as number[];
        return { accuracy: rows.filter((row, i) => (row[1] > row[0] ? 1 : 0) === labels[i]).length / labels.length };
      };
      const diaryTrainer = new Trainer({
        model: diaryModel,
        args: new TrainingArguments({
          output_dir: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tlab-03-korean-")), "diary-classifier"),
          num_train_epochs: 30, per_device_train_batch_size: 10, learning_rate: 3e-3, logging_steps: 30, save_strategy: "no", seed: 0,
        }),
        train_dataset: diaryTrain,
        eval_dataset: diaryTest,
        processing_class: koreanTokenizer,
        data_collator: new DataCollatorWithPadding({ tokenizer: koreanTokenizer }),
        compute_metrics: accuracy,
      });
      await diaryTrainer.train();
      ({
        train_rows: diaryTrain.num_rows,
        held_out_rows: diaryTest.num_rows,
        train_accuracy: (await diaryTrainer.evaluate({ eval_dataset: diaryTrain })).eval_accuracy,
        held_out_accuracy: (await diaryTrainer.evaluate()).eval_accuracy,
      });
      `,
    ),
    code(`
      const diaryClassifier = await pipeline("text-classification", { model: diaryModel, tokenizer: koreanTokenizer });
      await diaryClassifier([koreanSentence, "비가 와서 슬픈 하루였다."]);
    `),
    md(
      `
      The model learns its 30 training sentences perfectly (accuracy 1). On the 10 held-out sentences
      it scores 0.4, no better than a coin: 30 examples teach it which pieces appeared on good days, not
      what Korean words mean. This is why real Korean classifiers start from a model **pre-trained** on
      a large Korean corpus and then fine-tune it on thousands of labelled examples (the NSMC movie
      reviews, for instance) — the same recipe as the English models of this course, with a Korean
      vocabulary.
      `,
      `
      모델은 학습용 30문장을 완벽하게 맞힙니다(정확도 1). 하지만 평가용 10문장에서는 정확도가 0.4로, 동전을 던지는
      것보다 나을 게 없습니다. 예문 30개로는 즐거운 날에 어떤 조각이 나왔는지를 배울 뿐, 한국어 단어의 뜻을 배우지는
      못합니다. 그래서 실제 한국어 분류기는 대규모 한국어 코퍼스로 **사전학습**한 모델에서 출발해, 수천 개의 레이블
      달린 예문(예: NSMC 영화 리뷰)으로 파인튜닝합니다. 이 강의의 영어 모델과 같은 방법에 어휘 사전만 한국어인
      셈입니다.
      `,
    ),
    md(
      `
      ## Summary
      - Subword tokenizers keep frequent words whole and split rare ones: WordPiece marks continuations
        with \`##\`, byte-level BPE marks word starts with \`Ġ\` and never produces an unknown token.
      - \`tokenizer(text)\` = tokenize + convert to ids + special tokens; \`decode\` goes back.
      - Pairs use \`text_pair\` and \`token_type_ids\`; batches use \`padding\`, \`truncation\`,
        \`max_length\`, \`attention_mask\` and \`return_tensors\`.
      - A model only works with the tokenizer it was trained with.
      - \`train_new_from_iterator\` learns a new vocabulary for your corpus: 40 Korean sentences were
        enough to turn \`[UNK] [UNK] [UNK]\` into real Korean subwords.
      - \`BertTokenizer\` and \`AutoTokenizer\` load the same tokenizer; the Auto class reads which one
        from the checkpoint.

      ## Quiz
      `,
      `
      ## 정리
      - 서브워드 토크나이저는 흔한 단어는 통째로, 드문 단어는 조각으로 나눕니다. WordPiece는 이어지는 조각에
        \`##\`을, 바이트 수준 BPE는 단어 시작에 \`Ġ\`를 붙이며 모르는 토큰이 생기지 않습니다.
      - \`tokenizer(text)\` = 토큰화 + id 변환 + 특수 토큰 추가이고, \`decode\`는 그 반대입니다.
      - 문장 쌍은 \`text_pair\`와 \`token_type_ids\`로, 배치는 \`padding\`, \`truncation\`, \`max_length\`,
        \`attention_mask\`, \`return_tensors\`로 다룹니다.
      - 모델은 함께 학습된 토크나이저와만 제대로 동작합니다.
      - \`train_new_from_iterator\`로 내 코퍼스에 맞는 어휘 사전을 학습할 수 있습니다. 한국어 문장 40개만으로도
        \`[UNK] [UNK] [UNK]\`가 진짜 한국어 서브워드로 바뀌었습니다.
      - \`BertTokenizer\`와 \`AutoTokenizer\`는 같은 토크나이저를 불러옵니다. Auto 클래스는 어떤 클래스인지
        체크포인트에서 읽어 옵니다.

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
    quiz({
      id: "l03-korean-pieces",
      type: "numeric",
      points: 1,
      prompt: t(
        "Into how many pieces does the Korean tokenizer of section 8 split `피곤했지만 뿌듯한 나날이었다.`, counting the full stop?",
        "8절의 한국어 토크나이저는 `피곤했지만 뿌듯한 나날이었다.`를 몇 조각으로 나눌까요? 마침표도 셉니다.",
      ),
      answer: 5,
      tolerance: 0.1,
      hints: [
        t("Look at `korean_pieces` in the output of section 8.", "8절 출력의 `korean_pieces`를 보세요."),
        t("The first word is split in two; the other two words stay whole.", "첫 단어는 두 조각으로 나뉘고, 나머지 두 단어는 통째로 남습니다."),
      ],
      explanation: t(
        "`피곤 ##했지만 뿌듯한 나날이었다 .` — five pieces, none of them `[UNK]`, where bert-base gave three `[UNK]` and a full stop.",
        "`피곤 ##했지만 뿌듯한 나날이었다 .` — 다섯 조각이고 `[UNK]`는 하나도 없습니다. bert-base에서는 `[UNK]` 세 개와 마침표였습니다.",
      ),
    }),
  ],
};
