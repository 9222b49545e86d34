// Every lesson of the course, in order.
import { Lesson } from "./lesson";
import { lesson as pipelineLesson } from "./01-pipeline";

export const lessons: Lesson[] = [pipelineLesson];
