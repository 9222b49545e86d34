;; The two halves of clip_grad_norm_ over one gradient held in memory at byte 0 (`n` floats,
;; padded with zeros to a multiple of 4):
;;   sum_of_squares: Σ g², accumulated in float64 (two lanes, each float32 value widened exactly)
;;   scale: g ← g·coef in float32, the same rounding as Math.fround(g·coef)
(module
  (memory (export "memory") 1)
  (func (export "sum_of_squares") (param $cap i32) (result f64)
    (local $i i32) (local $end i32) (local $x v128) (local $lo v128) (local $hi v128) (local $acc0 v128) (local $acc1 v128)
    (local.set $end (i32.shl (local.get $cap) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $x (v128.load (local.get $i)))
        (local.set $lo (f64x2.promote_low_f32x4 (local.get $x)))
        (local.set $hi (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x))))
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $lo) (local.get $lo))))
        (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $hi) (local.get $hi))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $next)))
    (local.set $acc0 (f64x2.add (local.get $acc0) (local.get $acc1)))
    (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
  (func (export "scale") (param $cap i32) (param $coef f32)
    (local $i i32) (local $end i32) (local $c v128)
    (local.set $c (f32x4.splat (local.get $coef)))
    (local.set $end (i32.shl (local.get $cap) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (v128.store (local.get $i) (f32x4.mul (v128.load (local.get $i)) (local.get $c)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $next)))))
