// Forty short Korean diary sentences written for this course (Apache-2.0, like the rest of it):
// label 1 for a good day, 0 for a hard one. Lesson 3 learns a Korean WordPiece vocabulary from
// them and trains a tiny classifier on them. The endings -했지만, -한 and -이었다 recur on purpose,
// so that even this small corpus yields real subwords.
export interface DiaryEntry {
  text: string;
  label: 0 | 1;
}

const goodDays = [
  "피곤했지만 보람찬 하루였다.",
  "오늘은 정말 뿌듯한 하루였다.",
  "힘들었지만 즐거운 나날이었다.",
  "친구들과 함께한 여행은 행복한 나날이었다.",
  "늦게까지 공부했지만 뿌듯했다.",
  "발표를 마치고 나니 뿌듯한 기분이 들었다.",
  "새로 배운 모델이 잘 돌아가서 기뻤다.",
  "비가 왔지만 산책은 즐거웠다.",
  "오랜만에 가족과 저녁을 먹어서 행복했다.",
  "어려운 문제를 풀어서 뿌듯한 저녁이었다.",
  "바빴지만 보람찬 한 주였다.",
  "동생이 시험에 합격해서 기쁜 하루였다.",
  "아침 일찍 일어나 운동을 해서 상쾌했다.",
  "처음 만든 노트북이 끝까지 실행되어 뿌듯했다.",
  "날씨가 맑아서 기분 좋은 나날이었다.",
  "선생님께 칭찬을 받아서 정말 기뻤다.",
  "밤새 준비했지만 결과가 좋아서 행복했다.",
  "조금 피곤했지만 웃음이 가득한 하루였다.",
  "맛있는 음식을 먹고 즐거운 저녁이었다.",
  "작은 목표를 이루어서 뿌듯한 나날이었다.",
];

const hardDays = [
  "피곤하고 지루한 하루였다.",
  "오늘은 정말 힘든 하루였다.",
  "비가 와서 우울한 나날이었다.",
  "늦게까지 일했지만 아무것도 끝나지 않았다.",
  "발표를 망쳐서 속상한 기분이 들었다.",
  "모델이 자꾸 오류를 내서 답답했다.",
  "버스를 놓쳐서 지각한 아침이었다.",
  "몸이 아파서 하루 종일 누워 있었다.",
  "시험을 망쳐서 슬픈 저녁이었다.",
  "바빴지만 남은 것이 없는 한 주였다.",
  "친구와 다투어서 마음이 무거웠다.",
  "잠을 못 자서 피곤한 나날이었다.",
  "준비했지만 결과가 나빠서 실망했다.",
  "날씨가 추워서 외로운 하루였다.",
  "계속 기다렸지만 연락이 오지 않았다.",
  "지갑을 잃어버려서 속상한 하루였다.",
  "일이 너무 많아서 지친 나날이었다.",
  "열심히 했지만 아무도 알아주지 않아 서운했다.",
  "음식이 식어서 맛없는 저녁이었다.",
  "피곤했지만 잠이 오지 않는 밤이었다.",
];

/** Good and hard days alternate, so any prefix of the list is balanced. */
export const koreanDiary: DiaryEntry[] = goodDays.flatMap((good, i) => [
  { text: good, label: 1 as const },
  { text: hardDays[i], label: 0 as const },
]);
