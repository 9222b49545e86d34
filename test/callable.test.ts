import { test } from "node:test";
import * as assert from "node:assert/strict";
import { Callable } from "../src/utils/callable";

class Doubler extends Callable<[number], number> {
  factor = 2;
  protected _call(x: number): number {
    return x * this.factor;
  }
  describe(): string {
    return `times ${this.factor}`;
  }
}

test("a Callable subclass is a function with its class's fields and methods", () => {
  const d = new Doubler();
  assert.equal(d(21), 42);
  assert.ok(d instanceof Doubler);
  assert.equal(d.describe(), "times 2");
  d.factor = 3;
  assert.equal(d(2), 6);
});
