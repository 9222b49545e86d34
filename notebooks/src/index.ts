// Every lesson of the course, in order.
import { Lesson } from "./lesson";
import { lesson as pipelineLesson } from "./01-pipeline";
import { lesson as modelLesson } from "./02-model";
import { lesson as tokenizerLesson } from "./03-tokenizer";

export const lessons: Lesson[] = [pipelineLesson, modelLesson, tokenizerLesson];
