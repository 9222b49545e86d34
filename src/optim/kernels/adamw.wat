;; One AdamW update over float32 arrays, four lanes at a time (WebAssembly SIMD).
;;
;; Memory holds four arrays of `cap` floats (cap is a multiple of 4), one after another:
;;   param at 0, grad at cap, exp_avg at 2·cap, exp_avg_sq at 3·cap.
;; Every operation is a float32 operation in torch's order, so the result is bit for bit what
;; the scalar TypeScript loop in adamw.ts computes:
;;   p ← p·decay;  m ← m·β1 + (1−β1)·g;  v ← v·β2 + ((1−β2)·g)·g
;;   p ← p + (−step·m) / (√v / √(1−β2ᵗ) + eps)
;; Lanes past the real length hold leftovers; they are computed and ignored.
(module
  (memory (export "memory") 1)
  (func (export "step")
    (param $cap i32)
    (param $decay f32) (param $b1 f32) (param $omb1 f32) (param $b2 f32) (param $omb2 f32)
    (param $bc2 f32) (param $eps f32) (param $neg f32)
    (local $i i32) (local $end i32) (local $gOff i32) (local $mOff i32) (local $vOff i32)
    (local $g v128) (local $m v128) (local $v v128) (local $p v128)
    (local $vdecay v128) (local $vb1 v128) (local $vomb1 v128) (local $vb2 v128) (local $vomb2 v128)
    (local $vbc2 v128) (local $veps v128) (local $vneg v128)
    (local.set $vdecay (f32x4.splat (local.get $decay)))
    (local.set $vb1 (f32x4.splat (local.get $b1)))
    (local.set $vomb1 (f32x4.splat (local.get $omb1)))
    (local.set $vb2 (f32x4.splat (local.get $b2)))
    (local.set $vomb2 (f32x4.splat (local.get $omb2)))
    (local.set $vbc2 (f32x4.splat (local.get $bc2)))
    (local.set $veps (f32x4.splat (local.get $eps)))
    (local.set $vneg (f32x4.splat (local.get $neg)))
    ;; byte offsets of the arrays
    (local.set $end (i32.shl (local.get $cap) (i32.const 2)))
    (local.set $gOff (local.get $end))
    (local.set $mOff (i32.shl (local.get $end) (i32.const 1)))
    (local.set $vOff (i32.mul (local.get $end) (i32.const 3)))
    (local.set $i (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $g (v128.load (i32.add (local.get $i) (local.get $gOff))))
        (local.set $p (f32x4.mul (v128.load (local.get $i)) (local.get $vdecay)))
        (local.set $m
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $i) (local.get $mOff))) (local.get $vb1))
            (f32x4.mul (local.get $vomb1) (local.get $g))))
        (local.set $v
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $i) (local.get $vOff))) (local.get $vb2))
            (f32x4.mul (f32x4.mul (local.get $vomb2) (local.get $g)) (local.get $g))))
        (v128.store (i32.add (local.get $i) (local.get $mOff)) (local.get $m))
        (v128.store (i32.add (local.get $i) (local.get $vOff)) (local.get $v))
        (v128.store (local.get $i)
          (f32x4.add
            (local.get $p)
            (f32x4.div
              (f32x4.mul (local.get $vneg) (local.get $m))
              (f32x4.add (f32x4.div (f32x4.sqrt (local.get $v)) (local.get $vbc2)) (local.get $veps)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $next)))))
