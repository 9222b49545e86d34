// Readable methods on GraphValue (`x.matmul(w).add(b)`), each a thin call into the functional ops.
import type { DType } from "../tensor";
import { GraphValue } from "./graph";
import * as F from "./ops";
import type { Operand } from "./ops/util";
import type { Dim } from "./types";

declare module "./graph" {
  interface GraphValue {
    add(other: Operand): GraphValue;
    sub(other: Operand): GraphValue;
    mul(other: Operand): GraphValue;
    div(other: Operand): GraphValue;
    pow(exponent: number): GraphValue;
    neg(): GraphValue;
    exp(): GraphValue;
    log(): GraphValue;
    sqrt(): GraphValue;
    tanh(): GraphValue;
    relu(): GraphValue;
    sigmoid(): GraphValue;
    matmul(other: GraphValue): GraphValue;
    reshape(shape: Dim[]): GraphValue;
    transpose(perm: number[]): GraphValue;
    unsqueeze(axes: number | number[]): GraphValue;
    squeeze(axes: number | number[]): GraphValue;
    slice(axis: number, start: number, end?: number, step?: number): GraphValue;
    cast(dtype: DType): GraphValue;
    softmax(axis?: number): GraphValue;
    log_softmax(axis?: number): GraphValue;
    sum(axes?: number | number[], keepdims?: boolean): GraphValue;
    mean(axes?: number | number[], keepdims?: boolean): GraphValue;
    eq(other: Operand): GraphValue;
    lt(other: Operand): GraphValue;
    gt(other: Operand): GraphValue;
  }
}

const proto = GraphValue.prototype;
proto.add = function (o) { return F.add(this, o); };
proto.sub = function (o) { return F.sub(this, o); };
proto.mul = function (o) { return F.mul(this, o); };
proto.div = function (o) { return F.div(this, o); };
proto.pow = function (e) { return F.pow(this, e); };
proto.neg = function () { return F.neg(this); };
proto.exp = function () { return F.exp(this); };
proto.log = function () { return F.log(this); };
proto.sqrt = function () { return F.sqrt(this); };
proto.tanh = function () { return F.tanh(this); };
proto.relu = function () { return F.relu(this); };
proto.sigmoid = function () { return F.sigmoid(this); };
proto.matmul = function (o) { return F.matmul(this, o); };
proto.reshape = function (s) { return F.reshape(this, s); };
proto.transpose = function (p) { return F.transpose(this, p); };
proto.unsqueeze = function (a) { return F.unsqueeze(this, a); };
proto.squeeze = function (a) { return F.squeeze(this, a); };
proto.slice = function (axis, start, end, step) { return F.slice(this, axis, start, end, step); };
proto.cast = function (d) { return F.cast(this, d); };
proto.softmax = function (axis) { return F.softmax(this, axis); };
proto.log_softmax = function (axis) { return F.log_softmax(this, axis); };
proto.sum = function (axes, keep) { return F.sum(this, axes, keep); };
proto.mean = function (axes, keep) { return F.mean(this, axes, keep); };
proto.eq = function (o) { return F.eq(this, o); };
proto.lt = function (o) { return F.lt(this, o); };
proto.gt = function (o) { return F.gt(this, o); };
