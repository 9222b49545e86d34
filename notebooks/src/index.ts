// Every lesson of the course, in order.
import { Lesson } from "./lesson";
import { lesson as pipelineLesson } from "./01-pipeline";
import { lesson as modelLesson } from "./02-model";
import { lesson as tokenizerLesson } from "./03-tokenizer";
import { lesson as configLesson } from "./04-config";
import { lesson as trainerLesson } from "./05-trainer";
import { lesson as hubLesson } from "./06-hub";
import { lesson as closingLesson } from "./07-closing-quiz";

export const lessons: Lesson[] = [pipelineLesson, modelLesson, tokenizerLesson, configLesson, trainerLesson, hubLesson, closingLesson];
