;; Matrix-product kernels of @lora-rank/core in WebAssembly SIMD (128-bit).
;;
;; Assembled by scripts/assembleWasm.ts (wabt) into src/kernels/kernelsWasm.ts;
;; test/kernelsWasm.test.ts fails when the committed bytes differ from what
;; this file assembles to. Edit here, then run `npm run wasm -w @lora-rank/core`.
;;
;; BLIS-style products (the loops over blocks live in gemm.ts, in TypeScript):
;;   - pack_f64 / pack_f32 copy a block of an operand into panels of W lines
;;     (W = 4 rows of A, 4 columns of B in f64, 8 columns of B in f32), k-major
;;     inside a panel, zero-padded past the last line, so that the micro-kernel
;;     reads both operands with unit stride and never tests for edges;
;;   - macro_f64 / macro_f32 walk the panels and call the micro-kernel on each
;;     MR x NR tile of C: f64 4 x 4 (four rows times two f64x2 vectors, the shape
;;     measured best: 8 accumulators, 2 loads of B and 4 splats of A per k,
;;     within the 16 vector registers V8 gives wasm on x86-64), f32 4 x 8.
;;     Tiles that stick out of C are computed into the scratch tile at address
;;     0 and the part inside C is copied out. A is addressed by strides
;;     (element (r, k) of a micro-panel at a + r*ars + k*acs bytes, micro-panels
;;     aps bytes apart): a packed block (ars = one element, acs = four) or A
;;     read where it lies (rows of a resident matrix: ars = its row stride,
;;     acs = one element; then mc must be a multiple of 4, the caller packs
;;     the remaining rows).
;;
;; Bytes 0..1023 of memory are reserved (scratch tile at 0, constants at 512); the TypeScript side
;; allocates everything else above 1024. All addresses are byte offsets,
;; strides are in elements.

(module
  (memory (export "memory") 1)

  ;; ---------------------------------------------------------------- f64 ---

  ;; C[0:4, 0:4] (row stride ldc bytes) = (acc ? C : 0) + sum over k of
  ;; a[k*4 + r] * b[k*4 + c], for packed panels a (4 x kc) and b (kc x 4).
  (func $ukernel_f64 (param $kc i32) (param $a i32) (param $ars i32) (param $acs i32) (param $b i32) (param $c i32) (param $ldc i32) (param $acc i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $x v128) (local $a2 i32) (local $a3 i32)
    (local.set $a2 (i32.shl (local.get $ars) (i32.const 1)))
    (local.set $a3 (i32.add (local.get $a2) (local.get $ars)))
    (block $done
      (loop $k
        (br_if $done (i32.eqz (local.get $kc)))
        (local.set $b0 (v128.load (local.get $b)))
        (local.set $b1 (v128.load offset=16 (local.get $b)))
        (local.set $x (v128.load64_splat (local.get $a)))
        (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $b0))))
        (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $b1))))
        (local.set $x (v128.load64_splat (i32.add (local.get $a) (local.get $ars))))
        (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $b0))))
        (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $b1))))
        (local.set $x (v128.load64_splat (i32.add (local.get $a) (local.get $a2))))
        (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $b0))))
        (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $b1))))
        (local.set $x (v128.load64_splat (i32.add (local.get $a) (local.get $a3))))
        (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $b0))))
        (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $b1))))
        (local.set $a (i32.add (local.get $a) (local.get $acs)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (local.set $kc (i32.sub (local.get $kc) (i32.const 1)))
        (br $k)))
    (if (local.get $acc)
      (then
        (local.set $c00 (f64x2.add (local.get $c00) (v128.load (local.get $c))))
        (local.set $c01 (f64x2.add (local.get $c01) (v128.load offset=16 (local.get $c))))
        (local.set $c10 (f64x2.add (local.get $c10) (v128.load (i32.add (local.get $c) (local.get $ldc)))))
        (local.set $c11 (f64x2.add (local.get $c11) (v128.load offset=16 (i32.add (local.get $c) (local.get $ldc)))))
        (local.set $c20 (f64x2.add (local.get $c20) (v128.load (i32.add (local.get $c) (i32.shl (local.get $ldc) (i32.const 1))))))
        (local.set $c21 (f64x2.add (local.get $c21) (v128.load offset=16 (i32.add (local.get $c) (i32.shl (local.get $ldc) (i32.const 1))))))
        (local.set $c30 (f64x2.add (local.get $c30) (v128.load (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 3))))))
        (local.set $c31 (f64x2.add (local.get $c31) (v128.load offset=16 (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 3))))))))
    (v128.store (local.get $c) (local.get $c00))
    (v128.store offset=16 (local.get $c) (local.get $c01))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c10))
    (v128.store offset=16 (local.get $c) (local.get $c11))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c20))
    (v128.store offset=16 (local.get $c) (local.get $c21))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c30))
    (v128.store offset=16 (local.get $c) (local.get $c31)))

  ;; Packs `lines` lines of kc elements into panels of 4 lines, k-major:
  ;; dst[(p*kc + k)*4 + r] = src[(4p + r)*ls + k*ks], zero past the last line.
  ;; Lines are rows of A (ls = row stride) or columns of B (ls = column stride).
  (func (export "pack_f64") (param $src i32) (param $ls i32) (param $ks i32) (param $lines i32) (param $kc i32) (param $dst i32)
    (local $l i32) (local $w i32) (local $r i32) (local $k i32) (local $s i32) (local $d i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $lsb i32) (local $v0 v128) (local $v1 v128)
    (local.set $lsb (i32.shl (local.get $ls) (i32.const 3)))
    (block $end
      (loop $panel
        (br_if $end (i32.ge_s (local.get $l) (local.get $lines)))
        (local.set $w (i32.sub (local.get $lines) (local.get $l)))
        (if (i32.ge_s (local.get $w) (i32.const 4))
          (then
            (local.set $s0 (i32.add (local.get $src) (i32.shl (i32.mul (local.get $l) (local.get $ls)) (i32.const 3))))
            (local.set $s1 (i32.add (local.get $s0) (local.get $lsb)))
            (local.set $s2 (i32.add (local.get $s1) (local.get $lsb)))
            (local.set $s3 (i32.add (local.get $s2) (local.get $lsb)))
            (if (i32.eq (local.get $ks) (i32.const 1))
              (then
                ;; Four contiguous lines: 2 x 2 transposes of f64x2 pairs.
                (local.set $k (i32.const 0))
                (block $kend
                  (loop $kl
                    (br_if $kend (i32.gt_s (i32.add (local.get $k) (i32.const 2)) (local.get $kc)))
                    (local.set $v0 (v128.load (local.get $s0)))
                    (local.set $v1 (v128.load (local.get $s1)))
                    (v128.store (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $v0) (local.get $v1)))
                    (v128.store offset=32 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $v0) (local.get $v1)))
                    (local.set $v0 (v128.load (local.get $s2)))
                    (local.set $v1 (v128.load (local.get $s3)))
                    (v128.store offset=16 (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $v0) (local.get $v1)))
                    (v128.store offset=48 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $v0) (local.get $v1)))
                    (local.set $s0 (i32.add (local.get $s0) (i32.const 16)))
                    (local.set $s1 (i32.add (local.get $s1) (i32.const 16)))
                    (local.set $s2 (i32.add (local.get $s2) (i32.const 16)))
                    (local.set $s3 (i32.add (local.get $s3) (i32.const 16)))
                    (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
                    (local.set $k (i32.add (local.get $k) (i32.const 2)))
                    (br $kl)))
                (if (i32.lt_s (local.get $k) (local.get $kc))
                  (then
                    (f64.store (local.get $dst) (f64.load (local.get $s0)))
                    (f64.store offset=8 (local.get $dst) (f64.load (local.get $s1)))
                    (f64.store offset=16 (local.get $dst) (f64.load (local.get $s2)))
                    (f64.store offset=24 (local.get $dst) (f64.load (local.get $s3)))
                    (local.set $dst (i32.add (local.get $dst) (i32.const 32))))))
              (else
                (if (i32.eq (local.get $ls) (i32.const 1))
                  (then
                    ;; The four lines are adjacent in memory: one copy per k.
                    (local.set $s (local.get $s0))
                    (local.set $k (i32.const 0))
                    (block $kend
                      (loop $kl
                        (br_if $kend (i32.ge_s (local.get $k) (local.get $kc)))
                        (v128.store (local.get $dst) (v128.load (local.get $s)))
                        (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $s)))
                        (local.set $s (i32.add (local.get $s) (i32.shl (local.get $ks) (i32.const 3))))
                        (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                        (local.set $k (i32.add (local.get $k) (i32.const 1)))
                        (br $kl))))
                  (else
                    (local.set $k (i32.const 0))
                    (block $kend
                      (loop $kl
                        (br_if $kend (i32.ge_s (local.get $k) (local.get $kc)))
                        (local.set $s (i32.shl (i32.mul (local.get $k) (local.get $ks)) (i32.const 3)))
                        (f64.store (local.get $dst) (f64.load (i32.add (local.get $s0) (local.get $s))))
                        (f64.store offset=8 (local.get $dst) (f64.load (i32.add (local.get $s1) (local.get $s))))
                        (f64.store offset=16 (local.get $dst) (f64.load (i32.add (local.get $s2) (local.get $s))))
                        (f64.store offset=24 (local.get $dst) (f64.load (i32.add (local.get $s3) (local.get $s))))
                        (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
                        (local.set $k (i32.add (local.get $k) (i32.const 1)))
                        (br $kl))))))))
          (else
            ;; The last, partial panel: w < 4 lines, then zeros.
            (local.set $k (i32.const 0))
            (block $kend
              (loop $kl
                (br_if $kend (i32.ge_s (local.get $k) (local.get $kc)))
                (local.set $r (i32.const 0))
                (block $rend
                  (loop $rl
                    (br_if $rend (i32.ge_s (local.get $r) (i32.const 4)))
                    (if (i32.lt_s (local.get $r) (local.get $w))
                      (then
                        (f64.store (local.get $dst)
                          (f64.load (i32.add (local.get $src)
                            (i32.shl (i32.add (i32.mul (i32.add (local.get $l) (local.get $r)) (local.get $ls))
                                              (i32.mul (local.get $k) (local.get $ks))) (i32.const 3))))))
                      (else (f64.store (local.get $dst) (f64.const 0))))
                    (local.set $dst (i32.add (local.get $dst) (i32.const 8)))
                    (local.set $r (i32.add (local.get $r) (i32.const 1)))
                    (br $rl)))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $kl)))))
        (local.set $l (i32.add (local.get $l) (i32.const 4)))
        (br $panel))))

  ;; C[0:mc, 0:nc] (row stride ldc elements) = (acc ? C : 0) + A·B for packed
  ;; A (mc x kc, panels of 4 rows) and packed B (kc x nc, panels of 4 columns).
  (func (export "macro_f64") (param $mc i32) (param $nc i32) (param $kc i32) (param $ap i32) (param $ars i32) (param $acs i32) (param $aps i32) (param $bp i32) (param $c i32) (param $ldc i32) (param $acc i32)
    (local $jr i32) (local $ir i32) (local $nr i32) (local $mr i32) (local $bpan i32) (local $apan i32) (local $cij i32)
    (local $i i32) (local $j i32) (local $ptr i32) (local $ldcb i32) (local $panelBytes i32) (local $v f64)
    (local.set $ldcb (i32.shl (local.get $ldc) (i32.const 3)))
    (local.set $panelBytes (i32.shl (local.get $kc) (i32.const 5)))
    (local.set $bpan (local.get $bp))
    (block $jend
      (loop $jl
        (br_if $jend (i32.ge_s (local.get $jr) (local.get $nc)))
        (local.set $nr (i32.sub (local.get $nc) (local.get $jr)))
        (local.set $apan (local.get $ap))
        (local.set $ir (i32.const 0))
        (block $iend
          (loop $il
            (br_if $iend (i32.ge_s (local.get $ir) (local.get $mc)))
            (local.set $mr (i32.sub (local.get $mc) (local.get $ir)))
            (local.set $cij (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $ir) (local.get $ldc)) (local.get $jr)) (i32.const 3))))
            (if (i32.and (i32.ge_s (local.get $mr) (i32.const 4)) (i32.ge_s (local.get $nr) (i32.const 4)))
              (then (call $ukernel_f64 (local.get $kc) (local.get $apan) (local.get $ars) (local.get $acs) (local.get $bpan) (local.get $cij) (local.get $ldcb) (local.get $acc)))
              (else
                (call $ukernel_f64 (local.get $kc) (local.get $apan) (local.get $ars) (local.get $acs) (local.get $bpan) (i32.const 0) (i32.const 32) (i32.const 0))
                (if (i32.gt_s (local.get $mr) (i32.const 4)) (then (local.set $mr (i32.const 4))))
                (if (i32.gt_s (local.get $nr) (i32.const 4)) (then (local.set $nr (i32.const 4))))
                (local.set $i (i32.const 0))
                (block $e1
                  (loop $l1
                    (br_if $e1 (i32.ge_s (local.get $i) (local.get $mr)))
                    (local.set $j (i32.const 0))
                    (block $e2
                      (loop $l2
                        (br_if $e2 (i32.ge_s (local.get $j) (local.get $nr)))
                        (local.set $ptr (i32.add (local.get $cij) (i32.add (i32.mul (local.get $i) (local.get $ldcb)) (i32.shl (local.get $j) (i32.const 3)))))
                        (local.set $v (f64.load (i32.shl (i32.add (i32.shl (local.get $i) (i32.const 2)) (local.get $j)) (i32.const 3))))
                        (if (local.get $acc) (then (local.set $v (f64.add (local.get $v) (f64.load (local.get $ptr))))))
                        (f64.store (local.get $ptr) (local.get $v))
                        (local.set $j (i32.add (local.get $j) (i32.const 1)))
                        (br $l2)))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $l1)))
                (local.set $nr (i32.sub (local.get $nc) (local.get $jr)))))
            (local.set $apan (i32.add (local.get $apan) (local.get $aps)))
            (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
            (br $il)))
        (local.set $bpan (i32.add (local.get $bpan) (local.get $panelBytes)))
        (local.set $jr (i32.add (local.get $jr) (i32.const 4)))
        (br $jl))))

  ;; ---------------------------------------------------------------- f32 ---

  ;; C[0:4, 0:8] (row stride ldc bytes) = (acc ? C : 0) + sum over k of
  ;; a[k*4 + r] * b[k*8 + c], for packed panels a (4 x kc) and b (kc x 8).
  (func $ukernel_f32 (param $kc i32) (param $a i32) (param $ars i32) (param $acs i32) (param $b i32) (param $c i32) (param $ldc i32) (param $acc i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $x v128) (local $a2 i32) (local $a3 i32)
    (local.set $a2 (i32.shl (local.get $ars) (i32.const 1)))
    (local.set $a3 (i32.add (local.get $a2) (local.get $ars)))
    (block $done
      (loop $k
        (br_if $done (i32.eqz (local.get $kc)))
        (local.set $b0 (v128.load (local.get $b)))
        (local.set $b1 (v128.load offset=16 (local.get $b)))
        (local.set $x (v128.load32_splat (local.get $a)))
        (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $b0))))
        (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $b1))))
        (local.set $x (v128.load32_splat (i32.add (local.get $a) (local.get $ars))))
        (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $b0))))
        (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $b1))))
        (local.set $x (v128.load32_splat (i32.add (local.get $a) (local.get $a2))))
        (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $b0))))
        (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $b1))))
        (local.set $x (v128.load32_splat (i32.add (local.get $a) (local.get $a3))))
        (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $b0))))
        (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $b1))))
        (local.set $a (i32.add (local.get $a) (local.get $acs)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (local.set $kc (i32.sub (local.get $kc) (i32.const 1)))
        (br $k)))
    (if (local.get $acc)
      (then
        (local.set $c00 (f32x4.add (local.get $c00) (v128.load (local.get $c))))
        (local.set $c01 (f32x4.add (local.get $c01) (v128.load offset=16 (local.get $c))))
        (local.set $c10 (f32x4.add (local.get $c10) (v128.load (i32.add (local.get $c) (local.get $ldc)))))
        (local.set $c11 (f32x4.add (local.get $c11) (v128.load offset=16 (i32.add (local.get $c) (local.get $ldc)))))
        (local.set $c20 (f32x4.add (local.get $c20) (v128.load (i32.add (local.get $c) (i32.shl (local.get $ldc) (i32.const 1))))))
        (local.set $c21 (f32x4.add (local.get $c21) (v128.load offset=16 (i32.add (local.get $c) (i32.shl (local.get $ldc) (i32.const 1))))))
        (local.set $c30 (f32x4.add (local.get $c30) (v128.load (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 3))))))
        (local.set $c31 (f32x4.add (local.get $c31) (v128.load offset=16 (i32.add (local.get $c) (i32.mul (local.get $ldc) (i32.const 3))))))))
    (v128.store (local.get $c) (local.get $c00))
    (v128.store offset=16 (local.get $c) (local.get $c01))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c10))
    (v128.store offset=16 (local.get $c) (local.get $c11))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c20))
    (v128.store offset=16 (local.get $c) (local.get $c21))
    (local.set $c (i32.add (local.get $c) (local.get $ldc)))
    (v128.store (local.get $c) (local.get $c30))
    (v128.store offset=16 (local.get $c) (local.get $c31)))

  ;; Packs `lines` lines of kc floats into panels of W = 4 or 8 lines, k-major:
  ;; dst[(p*kc + k)*W + r] = src[(W·p + r)*ls + k*ks], zero past the last line.
  (func (export "pack_f32") (param $src i32) (param $ls i32) (param $ks i32) (param $lines i32) (param $kc i32) (param $dst i32) (param $W i32)
    (local $l i32) (local $w i32) (local $r i32) (local $k i32) (local $s i32) (local $ksb i32)
    (local.set $ksb (i32.shl (local.get $ks) (i32.const 2)))
    (block $end
      (loop $panel
        (br_if $end (i32.ge_s (local.get $l) (local.get $lines)))
        (local.set $w (i32.sub (local.get $lines) (local.get $l)))
        (if (i32.and (i32.ge_s (local.get $w) (local.get $W)) (i32.eq (local.get $ls) (i32.const 1)))
          (then
            ;; W adjacent lines: one or two vector copies per k.
            (local.set $s (i32.add (local.get $src) (i32.shl (local.get $l) (i32.const 2))))
            (local.set $k (i32.const 0))
            (block $kend
              (loop $kl
                (br_if $kend (i32.ge_s (local.get $k) (local.get $kc)))
                (v128.store (local.get $dst) (v128.load (local.get $s)))
                (if (i32.eq (local.get $W) (i32.const 8))
                  (then (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $s)))))
                (local.set $s (i32.add (local.get $s) (local.get $ksb)))
                (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $W) (i32.const 2))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $kl))))
          (else
            (local.set $k (i32.const 0))
            (block $kend
              (loop $kl
                (br_if $kend (i32.ge_s (local.get $k) (local.get $kc)))
                (local.set $r (i32.const 0))
                (block $rend
                  (loop $rl
                    (br_if $rend (i32.ge_s (local.get $r) (local.get $W)))
                    (if (i32.lt_s (local.get $r) (local.get $w))
                      (then
                        (f32.store (local.get $dst)
                          (f32.load (i32.add (local.get $src)
                            (i32.shl (i32.add (i32.mul (i32.add (local.get $l) (local.get $r)) (local.get $ls))
                                              (i32.mul (local.get $k) (local.get $ks))) (i32.const 2))))))
                      (else (f32.store (local.get $dst) (f32.const 0))))
                    (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
                    (local.set $r (i32.add (local.get $r) (i32.const 1)))
                    (br $rl)))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $kl)))))
        (local.set $l (i32.add (local.get $l) (local.get $W)))
        (br $panel))))

  ;; C[0:mc, 0:nc] (row stride ldc elements) = (acc ? C : 0) + A·B for packed
  ;; A (mc x kc, panels of 4 rows) and packed B (kc x nc, panels of 8 columns).
  (func (export "macro_f32") (param $mc i32) (param $nc i32) (param $kc i32) (param $ap i32) (param $ars i32) (param $acs i32) (param $aps i32) (param $bp i32) (param $c i32) (param $ldc i32) (param $acc i32)
    (local $jr i32) (local $ir i32) (local $nr i32) (local $mr i32) (local $bpan i32) (local $apan i32) (local $cij i32)
    (local $i i32) (local $j i32) (local $ptr i32) (local $ldcb i32) (local $v f32)
    (local.set $ldcb (i32.shl (local.get $ldc) (i32.const 2)))
    (local.set $bpan (local.get $bp))
    (block $jend
      (loop $jl
        (br_if $jend (i32.ge_s (local.get $jr) (local.get $nc)))
        (local.set $apan (local.get $ap))
        (local.set $ir (i32.const 0))
        (block $iend
          (loop $il
            (br_if $iend (i32.ge_s (local.get $ir) (local.get $mc)))
            (local.set $mr (i32.sub (local.get $mc) (local.get $ir)))
            (local.set $nr (i32.sub (local.get $nc) (local.get $jr)))
            (local.set $cij (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $ir) (local.get $ldc)) (local.get $jr)) (i32.const 2))))
            (if (i32.and (i32.ge_s (local.get $mr) (i32.const 4)) (i32.ge_s (local.get $nr) (i32.const 8)))
              (then (call $ukernel_f32 (local.get $kc) (local.get $apan) (local.get $ars) (local.get $acs) (local.get $bpan) (local.get $cij) (local.get $ldcb) (local.get $acc)))
              (else
                (call $ukernel_f32 (local.get $kc) (local.get $apan) (local.get $ars) (local.get $acs) (local.get $bpan) (i32.const 0) (i32.const 32) (i32.const 0))
                (if (i32.gt_s (local.get $mr) (i32.const 4)) (then (local.set $mr (i32.const 4))))
                (if (i32.gt_s (local.get $nr) (i32.const 8)) (then (local.set $nr (i32.const 8))))
                (local.set $i (i32.const 0))
                (block $e1
                  (loop $l1
                    (br_if $e1 (i32.ge_s (local.get $i) (local.get $mr)))
                    (local.set $j (i32.const 0))
                    (block $e2
                      (loop $l2
                        (br_if $e2 (i32.ge_s (local.get $j) (local.get $nr)))
                        (local.set $ptr (i32.add (local.get $cij) (i32.add (i32.mul (local.get $i) (local.get $ldcb)) (i32.shl (local.get $j) (i32.const 2)))))
                        (local.set $v (f32.load (i32.shl (i32.add (i32.shl (local.get $i) (i32.const 3)) (local.get $j)) (i32.const 2))))
                        (if (local.get $acc) (then (local.set $v (f32.add (local.get $v) (f32.load (local.get $ptr))))))
                        (f32.store (local.get $ptr) (local.get $v))
                        (local.set $j (i32.add (local.get $j) (i32.const 1)))
                        (br $l2)))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $l1)))))
            (local.set $apan (i32.add (local.get $apan) (local.get $aps)))
            (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
            (br $il)))
        (local.set $bpan (i32.add (local.get $bpan) (i32.shl (local.get $kc) (i32.const 5))))
        (local.set $jr (i32.add (local.get $jr) (i32.const 8)))
        (br $jl))))

  ;; ------------------------------------------- bidiagonalization (f64) ---
  ;; Matrix-vector kernels of the blocked bidiagonalization (bidiagonalize.ts).
  ;; lda/ldx are row strides in bytes here.

  ;; y[i] = (acc ? y[i] : 0) + alpha * (A[i, 0:cols] . x), i < rows.
  (func (export "gemv_n_f64") (param $a i32) (param $lda i32) (param $rows i32) (param $cols i32)
                              (param $x i32) (param $y i32) (param $alpha f64) (param $acc i32)
    (local $j i32) (local $s v128) (local $t f64) (local $end i32)
    (local.set $end (i32.and (local.get $cols) (i32.const -2)))
    (block $done
      (loop $row
        (br_if $done (i32.le_s (local.get $rows) (i32.const 0)))
        (local.set $s (f64x2.splat (f64.const 0)))
        (local.set $j (i32.const 0))
        (block $vend
          (loop $vl
            (br_if $vend (i32.ge_s (local.get $j) (local.get $end)))
            (local.set $s (f64x2.add (local.get $s)
              (f64x2.mul (v128.load (i32.add (local.get $a) (i32.shl (local.get $j) (i32.const 3))))
                         (v128.load (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 3)))))))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $vl)))
        (local.set $t (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s))))
        (if (i32.lt_s (local.get $j) (local.get $cols))
          (then (local.set $t (f64.add (local.get $t)
            (f64.mul (f64.load (i32.add (local.get $a) (i32.shl (local.get $j) (i32.const 3))))
                     (f64.load (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 3)))))))))
        (local.set $t (f64.mul (local.get $alpha) (local.get $t)))
        (if (local.get $acc) (then (local.set $t (f64.add (f64.load (local.get $y)) (local.get $t)))))
        (f64.store (local.get $y) (local.get $t))
        (local.set $a (i32.add (local.get $a) (local.get $lda)))
        (local.set $y (i32.add (local.get $y) (i32.const 8)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $row))))

  ;; y[j] = (acc ? y[j] : 0) + alpha * sum_i x[i] * A[i, j], j < cols.
  (func (export "gemv_t_f64") (param $a i32) (param $lda i32) (param $rows i32) (param $cols i32)
                              (param $x i32) (param $y i32) (param $alpha f64) (param $acc i32)
    (local $j i32) (local $t f64) (local $tv v128) (local $end i32) (local $p i32) (local $q i32)
    (local.set $end (i32.and (local.get $cols) (i32.const -2)))
    (if (i32.eqz (local.get $acc))
      (then (memory.fill (local.get $y) (i32.const 0) (i32.shl (local.get $cols) (i32.const 3)))))
    (block $done
      (loop $row
        (br_if $done (i32.le_s (local.get $rows) (i32.const 0)))
        (local.set $t (f64.mul (local.get $alpha) (f64.load (local.get $x))))
        (local.set $tv (f64x2.splat (local.get $t)))
        (local.set $j (i32.const 0))
        (block $vend
          (loop $vl
            (br_if $vend (i32.ge_s (local.get $j) (local.get $end)))
            (local.set $p (i32.add (local.get $y) (i32.shl (local.get $j) (i32.const 3))))
            (v128.store (local.get $p) (f64x2.add (v128.load (local.get $p))
              (f64x2.mul (local.get $tv) (v128.load (i32.add (local.get $a) (i32.shl (local.get $j) (i32.const 3)))))))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $vl)))
        (if (i32.lt_s (local.get $j) (local.get $cols))
          (then
            (local.set $p (i32.add (local.get $y) (i32.shl (local.get $j) (i32.const 3))))
            (f64.store (local.get $p) (f64.add (f64.load (local.get $p))
              (f64.mul (local.get $t) (f64.load (i32.add (local.get $a) (i32.shl (local.get $j) (i32.const 3)))))))))
        (local.set $a (i32.add (local.get $a) (local.get $lda)))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $row))))

  ;; The fused pass: for each of `rows` row segments seg = A[r, c+1 : c+1+len]
  ;; (first at $seg, rows $lda bytes apart), in one read of the segment while
  ;; it sits in L1:
  ;;   X[r] = taup * (seg . v - corrX[r])                       (x = A·v, corrected)
  ;;   mode >= 1: seg[0] = seg[0] - corrU[r] - X[r]             (next column, updated)
  ;;   mode == 2: s[0 : len-1] += seg[0] * seg[1 : len]         (Aᵀ·u for the next step)
  ;; X[r] is at $x + r*$ldx bytes; corrX, corrU and s are contiguous.
  ;; In mode 2 rows go four at a time (bidiag_quad), the last 0-3 one at a time:
  ;; each load of v serves four dot products and each load and store of s four
  ;; updates, with the same arithmetic in the same order as one row at a time
  ;; (the same bits).
  (func (export "bidiag_pass_f64") (param $seg i32) (param $lda i32) (param $rows i32) (param $len i32)
                                   (param $v i32) (param $corrX i32) (param $corrU i32) (param $x i32) (param $ldx i32)
                                   (param $taup f64) (param $s i32) (param $mode i32)
    (local $j i32) (local $acc0 v128) (local $acc1 v128) (local $dot f64) (local $xr f64) (local $u f64) (local $uv v128)
    (local $end4 i32) (local $end2 i32) (local $p i32) (local $q i32)
    (local.set $end4 (i32.and (local.get $len) (i32.const -4)))
    (local.set $end2 (i32.and (local.get $len) (i32.const -2)))
    (block $done
      (loop $row
        (br_if $done (i32.le_s (local.get $rows) (i32.const 0)))
        (if (i32.and (i32.eq (local.get $mode) (i32.const 2)) (i32.ge_s (local.get $rows) (i32.const 4)))
          (then
            (call $bidiag_quad (local.get $seg) (local.get $lda) (local.get $len) (local.get $v) (local.get $corrX)
                               (local.get $corrU) (local.get $x) (local.get $ldx) (local.get $taup) (local.get $s))
            (local.set $seg (i32.add (local.get $seg) (i32.shl (local.get $lda) (i32.const 2))))
            (local.set $x (i32.add (local.get $x) (i32.shl (local.get $ldx) (i32.const 2))))
            (local.set $corrX (i32.add (local.get $corrX) (i32.const 32)))
            (local.set $corrU (i32.add (local.get $corrU) (i32.const 32)))
            (local.set $rows (i32.sub (local.get $rows) (i32.const 4)))
            (br $row)))
        ;; dot = seg . v, two accumulators (four elements per iteration)
        (local.set $acc0 (f64x2.splat (f64.const 0)))
        (local.set $acc1 (f64x2.splat (f64.const 0)))
        (local.set $j (i32.const 0))
        (block $e4
          (loop $l4
            (br_if $e4 (i32.ge_s (local.get $j) (local.get $end4)))
            (local.set $p (i32.add (local.get $seg) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $q (i32.add (local.get $v) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (v128.load (local.get $p)) (v128.load (local.get $q)))))
            (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (v128.load offset=16 (local.get $p)) (v128.load offset=16 (local.get $q)))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $l4)))
        (if (i32.lt_s (local.get $j) (local.get $end2))
          (then
            (local.set $acc0 (f64x2.add (local.get $acc0)
              (f64x2.mul (v128.load (i32.add (local.get $seg) (i32.shl (local.get $j) (i32.const 3))))
                         (v128.load (i32.add (local.get $v) (i32.shl (local.get $j) (i32.const 3)))))))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))))
        (local.set $acc0 (f64x2.add (local.get $acc0) (local.get $acc1)))
        (local.set $dot (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
        (if (i32.lt_s (local.get $j) (local.get $len))
          (then (local.set $dot (f64.add (local.get $dot)
            (f64.mul (f64.load (i32.add (local.get $seg) (i32.shl (local.get $j) (i32.const 3))))
                     (f64.load (i32.add (local.get $v) (i32.shl (local.get $j) (i32.const 3)))))))))
        (local.set $xr (f64.mul (local.get $taup) (f64.sub (local.get $dot) (f64.load (local.get $corrX)))))
        (f64.store (local.get $x) (local.get $xr))
        (if (i32.ge_s (local.get $mode) (i32.const 1))
          (then
            (local.set $u (f64.sub (f64.sub (f64.load (local.get $seg)) (f64.load (local.get $corrU))) (local.get $xr)))
            (f64.store (local.get $seg) (local.get $u))
            (if (i32.eq (local.get $mode) (i32.const 2))
              (then
                ;; s[j-1] += u * seg[j] for j = 1 .. len-1
                (local.set $uv (f64x2.splat (local.get $u)))
                (local.set $j (i32.const 1))
                (block $ea
                  (loop $la
                    (br_if $ea (i32.gt_s (i32.add (local.get $j) (i32.const 2)) (local.get $len)))
                    (local.set $p (i32.add (local.get $s) (i32.shl (i32.sub (local.get $j) (i32.const 1)) (i32.const 3))))
                    (v128.store (local.get $p) (f64x2.add (v128.load (local.get $p))
                      (f64x2.mul (local.get $uv) (v128.load (i32.add (local.get $seg) (i32.shl (local.get $j) (i32.const 3)))))))
                    (local.set $j (i32.add (local.get $j) (i32.const 2)))
                    (br $la)))
                (if (i32.lt_s (local.get $j) (local.get $len))
                  (then
                    (local.set $p (i32.add (local.get $s) (i32.shl (i32.sub (local.get $j) (i32.const 1)) (i32.const 3))))
                    (f64.store (local.get $p) (f64.add (f64.load (local.get $p))
                      (f64.mul (local.get $u) (f64.load (i32.add (local.get $seg) (i32.shl (local.get $j) (i32.const 3)))))))))))))
        (local.set $seg (i32.add (local.get $seg) (local.get $lda)))
        (local.set $x (i32.add (local.get $x) (local.get $ldx)))
        (local.set $corrX (i32.add (local.get $corrX) (i32.const 8)))
        (local.set $corrU (i32.add (local.get $corrU) (i32.const 8)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br $row))))

  ;; bidiag_pass_f64's mode 2 for rows r .. r+3 (segments $lda bytes apart from $a):
  ;; the four dot products in one sweep over v, the four x and u, then
  ;; s[j-1] = (((s[j-1] + ua*a[j]) + ub*b[j]) + uc*c[j]) + ud*d[j] in one sweep over s.
  (func $bidiag_quad (param $a i32) (param $lda i32) (param $len i32) (param $v i32) (param $corrX i32) (param $corrU i32)
                     (param $x i32) (param $ldx i32) (param $taup f64) (param $s i32)
    (local $b i32) (local $c i32) (local $d i32) (local $j i32) (local $end4 i32) (local $end2 i32) (local $o i32) (local $p i32)
    (local $v0 v128) (local $v1 v128)
    (local $sa0 v128) (local $sa1 v128) (local $sb0 v128) (local $sb1 v128) (local $sc0 v128) (local $sc1 v128) (local $sd0 v128) (local $sd1 v128)
    (local $da f64) (local $xa f64) (local $ua f64) (local $uva v128) (local $db f64) (local $xb f64) (local $ub f64) (local $uvb v128) (local $dc f64) (local $xc f64) (local $uc f64) (local $uvc v128) (local $dd f64) (local $xd f64) (local $ud f64) (local $uvd v128)
    (local.set $b (i32.add (local.get $a) (local.get $lda)))
    (local.set $c (i32.add (local.get $b) (local.get $lda)))
    (local.set $d (i32.add (local.get $c) (local.get $lda)))
    (local.set $end4 (i32.and (local.get $len) (i32.const -4)))
    (local.set $end2 (i32.and (local.get $len) (i32.const -2)))
    (local.set $sa0 (f64x2.splat (f64.const 0)))
    (local.set $sa1 (f64x2.splat (f64.const 0)))
    (local.set $sb0 (f64x2.splat (f64.const 0)))
    (local.set $sb1 (f64x2.splat (f64.const 0)))
    (local.set $sc0 (f64x2.splat (f64.const 0)))
    (local.set $sc1 (f64x2.splat (f64.const 0)))
    (local.set $sd0 (f64x2.splat (f64.const 0)))
    (local.set $sd1 (f64x2.splat (f64.const 0)))
    (local.set $j (i32.const 0))
    (block $e4
      (loop $l4
        (br_if $e4 (i32.ge_s (local.get $j) (local.get $end4)))
        (local.set $o (i32.shl (local.get $j) (i32.const 3)))
        (local.set $p (i32.add (local.get $v) (local.get $o)))
        (local.set $v0 (v128.load (local.get $p)))
        (local.set $v1 (v128.load offset=16 (local.get $p)))
        (local.set $p (i32.add (local.get $a) (local.get $o)))
        (local.set $sa0 (f64x2.add (local.get $sa0) (f64x2.mul (v128.load (local.get $p)) (local.get $v0))))
        (local.set $sa1 (f64x2.add (local.get $sa1) (f64x2.mul (v128.load offset=16 (local.get $p)) (local.get $v1))))
        (local.set $p (i32.add (local.get $b) (local.get $o)))
        (local.set $sb0 (f64x2.add (local.get $sb0) (f64x2.mul (v128.load (local.get $p)) (local.get $v0))))
        (local.set $sb1 (f64x2.add (local.get $sb1) (f64x2.mul (v128.load offset=16 (local.get $p)) (local.get $v1))))
        (local.set $p (i32.add (local.get $c) (local.get $o)))
        (local.set $sc0 (f64x2.add (local.get $sc0) (f64x2.mul (v128.load (local.get $p)) (local.get $v0))))
        (local.set $sc1 (f64x2.add (local.get $sc1) (f64x2.mul (v128.load offset=16 (local.get $p)) (local.get $v1))))
        (local.set $p (i32.add (local.get $d) (local.get $o)))
        (local.set $sd0 (f64x2.add (local.get $sd0) (f64x2.mul (v128.load (local.get $p)) (local.get $v0))))
        (local.set $sd1 (f64x2.add (local.get $sd1) (f64x2.mul (v128.load offset=16 (local.get $p)) (local.get $v1))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $l4)))
    (if (i32.lt_s (local.get $j) (local.get $end2))
      (then
        (local.set $o (i32.shl (local.get $j) (i32.const 3)))
        (local.set $v0 (v128.load (i32.add (local.get $v) (local.get $o))))
        (local.set $sa0 (f64x2.add (local.get $sa0) (f64x2.mul (v128.load (i32.add (local.get $a) (local.get $o))) (local.get $v0))))
        (local.set $sb0 (f64x2.add (local.get $sb0) (f64x2.mul (v128.load (i32.add (local.get $b) (local.get $o))) (local.get $v0))))
        (local.set $sc0 (f64x2.add (local.get $sc0) (f64x2.mul (v128.load (i32.add (local.get $c) (local.get $o))) (local.get $v0))))
        (local.set $sd0 (f64x2.add (local.get $sd0) (f64x2.mul (v128.load (i32.add (local.get $d) (local.get $o))) (local.get $v0))))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))))
    (local.set $sa0 (f64x2.add (local.get $sa0) (local.get $sa1)))
    (local.set $da (f64.add (f64x2.extract_lane 0 (local.get $sa0)) (f64x2.extract_lane 1 (local.get $sa0))))
    (local.set $sb0 (f64x2.add (local.get $sb0) (local.get $sb1)))
    (local.set $db (f64.add (f64x2.extract_lane 0 (local.get $sb0)) (f64x2.extract_lane 1 (local.get $sb0))))
    (local.set $sc0 (f64x2.add (local.get $sc0) (local.get $sc1)))
    (local.set $dc (f64.add (f64x2.extract_lane 0 (local.get $sc0)) (f64x2.extract_lane 1 (local.get $sc0))))
    (local.set $sd0 (f64x2.add (local.get $sd0) (local.get $sd1)))
    (local.set $dd (f64.add (f64x2.extract_lane 0 (local.get $sd0)) (f64x2.extract_lane 1 (local.get $sd0))))
    (if (i32.lt_s (local.get $j) (local.get $len))
      (then
        (local.set $o (i32.shl (local.get $j) (i32.const 3)))
        (local.set $da (f64.add (local.get $da)
          (f64.mul (f64.load (i32.add (local.get $a) (local.get $o))) (f64.load (i32.add (local.get $v) (local.get $o))))))
        (local.set $db (f64.add (local.get $db)
          (f64.mul (f64.load (i32.add (local.get $b) (local.get $o))) (f64.load (i32.add (local.get $v) (local.get $o))))))
        (local.set $dc (f64.add (local.get $dc)
          (f64.mul (f64.load (i32.add (local.get $c) (local.get $o))) (f64.load (i32.add (local.get $v) (local.get $o))))))
        (local.set $dd (f64.add (local.get $dd)
          (f64.mul (f64.load (i32.add (local.get $d) (local.get $o))) (f64.load (i32.add (local.get $v) (local.get $o))))))))
    (local.set $xa (f64.mul (local.get $taup) (f64.sub (local.get $da) (f64.load (local.get $corrX)))))
    (local.set $xb (f64.mul (local.get $taup) (f64.sub (local.get $db) (f64.load offset=8 (local.get $corrX)))))
    (local.set $xc (f64.mul (local.get $taup) (f64.sub (local.get $dc) (f64.load offset=16 (local.get $corrX)))))
    (local.set $xd (f64.mul (local.get $taup) (f64.sub (local.get $dd) (f64.load offset=24 (local.get $corrX)))))
    (f64.store (local.get $x) (local.get $xa))
    (f64.store (i32.add (local.get $x) (i32.mul (local.get $ldx) (i32.const 1))) (local.get $xb))
    (f64.store (i32.add (local.get $x) (i32.mul (local.get $ldx) (i32.const 2))) (local.get $xc))
    (f64.store (i32.add (local.get $x) (i32.mul (local.get $ldx) (i32.const 3))) (local.get $xd))
    (local.set $ua (f64.sub (f64.sub (f64.load (local.get $a)) (f64.load (local.get $corrU))) (local.get $xa)))
    (f64.store (local.get $a) (local.get $ua))
    (local.set $uva (f64x2.splat (local.get $ua)))
    (local.set $ub (f64.sub (f64.sub (f64.load (local.get $b)) (f64.load offset=8 (local.get $corrU))) (local.get $xb)))
    (f64.store (local.get $b) (local.get $ub))
    (local.set $uvb (f64x2.splat (local.get $ub)))
    (local.set $uc (f64.sub (f64.sub (f64.load (local.get $c)) (f64.load offset=16 (local.get $corrU))) (local.get $xc)))
    (f64.store (local.get $c) (local.get $uc))
    (local.set $uvc (f64x2.splat (local.get $uc)))
    (local.set $ud (f64.sub (f64.sub (f64.load (local.get $d)) (f64.load offset=24 (local.get $corrU))) (local.get $xd)))
    (f64.store (local.get $d) (local.get $ud))
    (local.set $uvd (f64x2.splat (local.get $ud)))
    (local.set $j (i32.const 1))
    (block $ea
      (loop $la
        (br_if $ea (i32.gt_s (i32.add (local.get $j) (i32.const 2)) (local.get $len)))
        (local.set $o (i32.shl (local.get $j) (i32.const 3)))
        (local.set $p (i32.sub (i32.add (local.get $s) (local.get $o)) (i32.const 8)))
        (v128.store (local.get $p) (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.load (local.get $p)) (f64x2.mul (local.get $uva) (v128.load (i32.add (local.get $a) (local.get $o))))) (f64x2.mul (local.get $uvb) (v128.load (i32.add (local.get $b) (local.get $o))))) (f64x2.mul (local.get $uvc) (v128.load (i32.add (local.get $c) (local.get $o))))) (f64x2.mul (local.get $uvd) (v128.load (i32.add (local.get $d) (local.get $o))))))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $la)))
    (if (i32.lt_s (local.get $j) (local.get $len))
      (then
        (local.set $o (i32.shl (local.get $j) (i32.const 3)))
        (local.set $p (i32.sub (i32.add (local.get $s) (local.get $o)) (i32.const 8)))
        (f64.store (local.get $p) (f64.add (f64.add (f64.add (f64.add (f64.load (local.get $p)) (f64.mul (local.get $ua) (f64.load (i32.add (local.get $a) (local.get $o))))) (f64.mul (local.get $ub) (f64.load (i32.add (local.get $b) (local.get $o))))) (f64.mul (local.get $uc) (f64.load (i32.add (local.get $c) (local.get $o))))) (f64.mul (local.get $ud) (f64.load (i32.add (local.get $d) (local.get $o)))))))))

  ;; ------------------------------------------------------ exp, GELU, softmax ---
  ;; Constants of the functions below, one double each (v128.load64_splat
  ;; reads one into both lanes with a single load, where V8 builds a v128.const
  ;; with several instructions on the shuffle port), in bytes 512.. of the
  ;; reserved first KiB: 709.0, -708.0, 1.4426950408889634, 6.93147180369123816490e-01, 1.90821492927058770002e-10, 1.0, 0.5, 0.16666666666666666, 0.041666666666666664, 0.008333333333333333, 0.001388888888888889, 0.0001984126984126984, 2.48015873015873e-05, 2.7557319223985893e-06, 2.755731922398589e-07, 2.505210838544172e-08, 2.08767569878681e-09, 1.6059043836821613e-10, inf, -1.5957691216057308, 0.044715, -inf, 1.5957691216057308, 0.134145, and the integer 1023.
  (data (i32.const 512) "\00\00\00\00\00\28\86\40\00\00\00\00\00\20\86\c0\fe\82\2b\65\47\15\f7\3f\00\00\e0\fe\42\2e\e6\3f\76\3c\79\35\ef\39\ea\3d\00\00\00\00\00\00\f0\3f\00\00\00\00\00\00\e0\3f\55\55\55\55\55\55\c5\3f\55\55\55\55\55\55\a5\3f\11\11\11\11\11\11\81\3f\17\6c\c1\16\6c\c1\56\3f\1a\a0\01\1a\a0\01\2a\3f\1a\a0\01\1a\a0\01\fa\3e\34\c7\56\a5\e3\1d\c7\3e\5c\9f\78\b7\4f\7e\92\3e\e4\44\f5\67\45\e6\5a\3e\98\d8\f8\ef\d8\ee\21\3e\09\6d\a8\13\46\12\e6\3d\00\00\00\00\00\00\f0\7f\51\36\d4\33\45\88\f9\bf\f7\01\48\6d\e2\e4\a6\3f\00\00\00\00\00\00\f0\ff\51\36\d4\33\45\88\f9\3f\79\01\f6\d1\a9\2b\c1\3f\ff\03\00\00\00\00\00\00")

    ;; The language model's elementwise passes (LmEngine), two lanes at a time.

  ;; e^x in both lanes: x = k*ln2 + r (Cody-Waite, ln2 in two parts, |r| <= ln2/2),
  ;; e^r by its Taylor polynomial to degree 13 (truncation below 1e-17, evaluated
  ;; by Estrin's scheme), times
  ;; 2^k written into the exponent bits. Within a few ulp of e^x; exactly 0
  ;; below -708, +inf above 709 (masks: no clamping, whatever the lanes
  ;; computed there), NaN for NaN. Plain mul and add only (no
  ;; fused or relaxed operations), so every engine gives the same bits.
  (func $exp_f64x2 (param $x v128) (result v128)
    (local $k v128) (local $r v128) (local $r2 v128) (local $r4 v128) (local $p v128)
    (local.set $k (f64x2.nearest (f64x2.mul (local.get $x) (v128.load64_splat (i32.const 528)))))
    (local.set $r (f64x2.sub (f64x2.sub (local.get $x)
                                        (f64x2.mul (local.get $k) (v128.load64_splat (i32.const 536))))
                             (f64x2.mul (local.get $k) (v128.load64_splat (i32.const 544)))))
    ;; Estrin's scheme (short dependency chains): pairs in r, then r^2, r^4, r^8.
    (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
    (local.set $r4 (f64x2.mul (local.get $r2) (local.get $r2)))
    (local.set $p (f64x2.add
      (f64x2.add (f64x2.add (f64x2.add (v128.load64_splat (i32.const 552)) (f64x2.mul (v128.load64_splat (i32.const 552)) (local.get $r))) (f64x2.mul (f64x2.add (v128.load64_splat (i32.const 560)) (f64x2.mul (v128.load64_splat (i32.const 568)) (local.get $r))) (local.get $r2)))
                 (f64x2.mul (f64x2.add (f64x2.add (v128.load64_splat (i32.const 576)) (f64x2.mul (v128.load64_splat (i32.const 584)) (local.get $r))) (f64x2.mul (f64x2.add (v128.load64_splat (i32.const 592)) (f64x2.mul (v128.load64_splat (i32.const 600)) (local.get $r))) (local.get $r2))) (local.get $r4)))
      (f64x2.mul (f64x2.add (f64x2.add (f64x2.add (v128.load64_splat (i32.const 608)) (f64x2.mul (v128.load64_splat (i32.const 616)) (local.get $r))) (f64x2.mul (f64x2.add (v128.load64_splat (i32.const 624)) (f64x2.mul (v128.load64_splat (i32.const 632)) (local.get $r))) (local.get $r2))) (f64x2.mul (f64x2.add (v128.load64_splat (i32.const 640)) (f64x2.mul (v128.load64_splat (i32.const 648)) (local.get $r))) (local.get $r4)))
                 (f64x2.mul (local.get $r4) (local.get $r4)))))
    (local.set $p (f64x2.mul (local.get $p)
      (i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $k))) (v128.load64_splat (i32.const 704))) (i32.const 52))))
    (local.set $p (v128.bitselect (v128.load64_splat (i32.const 656)) (local.get $p) (f64x2.gt (local.get $x) (v128.load64_splat (i32.const 512)))))
    (v128.andnot (local.get $p) (f64x2.lt (local.get $x) (v128.load64_splat (i32.const 520)))))

  ;; GELU (tanh form, as the logistic gate s = 1/(1 + e^(-c*(x + 0.044715 x^3))),
  ;; c = 2*sqrt(2/pi)) of n doubles at $u: gate[i] = s, g[i] = u[i]*s.
  (func $gelu_pair (param $x v128) (param $gate i32) (param $g i32) (param $two i32)
    (local $s v128)
    (local.set $s (f64x2.div (v128.load64_splat (i32.const 552))
      (f64x2.add (v128.load64_splat (i32.const 552))
        (call $exp_f64x2 (f64x2.mul (v128.load64_splat (i32.const 664))
          (f64x2.add (local.get $x)
            (f64x2.mul (f64x2.mul (f64x2.mul (v128.load64_splat (i32.const 672)) (local.get $x)) (local.get $x)) (local.get $x))))))))
    (if (local.get $two)
      (then
        (v128.store (local.get $gate) (local.get $s))
        (v128.store (local.get $g) (f64x2.mul (local.get $x) (local.get $s))))
      (else
        (v128.store64_lane 0 (local.get $gate) (local.get $s))
        (v128.store64_lane 0 (local.get $g) (f64x2.mul (local.get $x) (local.get $s))))))

  (func (export "gelu_f64") (param $u i32) (param $gate i32) (param $g i32) (param $n i32)
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 2)))
        (call $gelu_pair (v128.load (local.get $u)) (local.get $gate) (local.get $g) (i32.const 1))
        (local.set $u (i32.add (local.get $u) (i32.const 16)))
        (local.set $gate (i32.add (local.get $gate) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 2)))
        (br $l)))
    (if (i32.eq (local.get $n) (i32.const 1))
      (then (call $gelu_pair (v128.load64_zero (local.get $u)) (local.get $gate) (local.get $g) (i32.const 0)))))

  ;; Causal softmax, in place, of the T x T scores at $p (row stride T): row t
  ;; becomes softmax(scale * p[t, 0..t]) followed by T-1-t exact zeros. The
  ;; maximum is subtracted first; the sum runs in two lanes (even and odd j).
  (func (export "softmax_causal_f64") (param $p i32) (param $T i32) (param $scale f64)
    (local $t i32) (local $row i32) (local $len i32) (local $pairs i32) (local $j i32) (local $a i32)
    (local $vs v128) (local $vm v128) (local $v v128) (local $m f64) (local $sum f64) (local $x f64)
    (local.set $vs (f64x2.splat (local.get $scale)))
    (block $tend
      (loop $tl
        (br_if $tend (i32.ge_s (local.get $t) (local.get $T)))
        (local.set $row (i32.add (local.get $p) (i32.shl (i32.mul (local.get $t) (local.get $T)) (i32.const 3))))
        (local.set $len (i32.add (local.get $t) (i32.const 1)))
        (local.set $pairs (i32.shl (i32.shr_u (local.get $len) (i32.const 1)) (i32.const 4)))
        ;; scale and maximum
        (local.set $vm (v128.load64_splat (i32.const 680)))
        (local.set $j (i32.const 0))
        (block $e1
          (loop $l1
            (br_if $e1 (i32.ge_u (local.get $j) (local.get $pairs)))
            (local.set $a (i32.add (local.get $row) (local.get $j)))
            (local.set $v (f64x2.mul (v128.load (local.get $a)) (local.get $vs)))
            (v128.store (local.get $a) (local.get $v))
            (local.set $vm (f64x2.max (local.get $vm) (local.get $v)))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $l1)))
        (local.set $m (f64.max (f64x2.extract_lane 0 (local.get $vm)) (f64x2.extract_lane 1 (local.get $vm))))
        (if (i32.and (local.get $len) (i32.const 1))
          (then
            (local.set $a (i32.add (local.get $row) (local.get $pairs)))
            (local.set $x (f64.mul (f64.load (local.get $a)) (local.get $scale)))
            (f64.store (local.get $a) (local.get $x))
            (local.set $m (f64.max (local.get $m) (local.get $x)))))
        ;; exponentials and their sum
        (local.set $vm (f64x2.splat (local.get $m)))
        (local.set $vs (v128.const f64x2 0 0))
        (local.set $j (i32.const 0))
        (block $e2
          (loop $l2
            (br_if $e2 (i32.ge_u (local.get $j) (local.get $pairs)))
            (local.set $a (i32.add (local.get $row) (local.get $j)))
            (local.set $v (call $exp_f64x2 (f64x2.sub (v128.load (local.get $a)) (local.get $vm))))
            (v128.store (local.get $a) (local.get $v))
            (local.set $vs (f64x2.add (local.get $vs) (local.get $v)))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $l2)))
        (local.set $sum (f64.add (f64x2.extract_lane 0 (local.get $vs)) (f64x2.extract_lane 1 (local.get $vs))))
        (if (i32.and (local.get $len) (i32.const 1))
          (then
            (local.set $a (i32.add (local.get $row) (local.get $pairs)))
            (local.set $x (f64x2.extract_lane 0 (call $exp_f64x2 (f64x2.splat (f64.sub (f64.load (local.get $a)) (local.get $m))))))
            (f64.store (local.get $a) (local.get $x))
            (local.set $sum (f64.add (local.get $sum) (local.get $x)))))
        ;; normalise, then zero the masked positions
        (local.set $vm (f64x2.splat (f64.div (f64.const 1) (local.get $sum))))
        (local.set $j (i32.const 0))
        (block $e3
          (loop $l3
            (br_if $e3 (i32.ge_u (local.get $j) (local.get $pairs)))
            (local.set $a (i32.add (local.get $row) (local.get $j)))
            (v128.store (local.get $a) (f64x2.mul (v128.load (local.get $a)) (local.get $vm)))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $l3)))
        (if (i32.and (local.get $len) (i32.const 1))
          (then
            (local.set $a (i32.add (local.get $row) (local.get $pairs)))
            (f64.store (local.get $a) (f64.mul (f64.load (local.get $a)) (f64x2.extract_lane 0 (local.get $vm))))))
        (local.set $j (i32.shl (local.get $len) (i32.const 3)))
        (block $e4
          (loop $l4
            (br_if $e4 (i32.ge_u (local.get $j) (i32.shl (local.get $T) (i32.const 3))))
            (f64.store (i32.add (local.get $row) (local.get $j)) (f64.const 0))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $l4)))
        (local.set $vs (f64x2.splat (local.get $scale)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $tl))))

  ;; GELU's backward: du[i] *= s + x*s*(1-s)*c*(1 + 3*0.044715*x^2), x = u[i],
  ;; s = gate[i], in the same order of operations as geluGradFromGate (gelu.ts),
  ;; so the bits are the same.
  (func (export "gelu_grad_f64") (param $du i32) (param $u i32) (param $gate i32) (param $n i32)
    (local $x v128) (local $s v128)
    (block $done
      (loop $l
        (br_if $done (i32.lt_s (local.get $n) (i32.const 1)))
        (if (i32.ge_s (local.get $n) (i32.const 2))
          (then
            (local.set $x (v128.load (local.get $u)))
            (local.set $s (v128.load (local.get $gate))))
          (else
            (local.set $x (v128.load64_zero (local.get $u)))
            (local.set $s (v128.load64_zero (local.get $gate)))))
        (local.set $s
          (f64x2.add (local.get $s)
            (f64x2.mul
              (f64x2.mul (f64x2.mul (f64x2.mul (local.get $x) (local.get $s)) (f64x2.sub (v128.load64_splat (i32.const 552)) (local.get $s)))
                         (v128.load64_splat (i32.const 688)))
              (f64x2.add (v128.load64_splat (i32.const 552))
                (f64x2.mul (f64x2.mul (v128.load64_splat (i32.const 696)) (local.get $x)) (local.get $x))))))
        (if (i32.ge_s (local.get $n) (i32.const 2))
          (then (v128.store (local.get $du) (f64x2.mul (v128.load (local.get $du)) (local.get $s))))
          (else (f64.store (local.get $du) (f64.mul (f64.load (local.get $du)) (f64x2.extract_lane 0 (local.get $s))))))
        (local.set $du (i32.add (local.get $du) (i32.const 16)))
        (local.set $u (i32.add (local.get $u) (i32.const 16)))
        (local.set $gate (i32.add (local.get $gate) (i32.const 16)))
        (local.set $n (i32.sub (local.get $n) (i32.const 2)))
        (br $l))))

  ;; The causal softmax's backward for one T x T block: with P at $p and
  ;; dP at $dp, row t of dS (at $ds) becomes scale * P[t,j] * (dP[t,j] - dot)
  ;; for j <= t, dot = sum over j <= t of P[t,j]*dP[t,j] (in two lanes), then
  ;; zeros. dP and dS have row stride T, as P.
  (func (export "softmax_causal_grad_f64") (param $p i32) (param $dp i32) (param $ds i32) (param $T i32) (param $scale f64)
    (local $t i32) (local $off i32) (local $len i32) (local $pairs i32) (local $j i32)
    (local $acc v128) (local $vd v128) (local $vs v128) (local $dot f64)
    (local.set $vs (f64x2.splat (local.get $scale)))
    (block $tend
      (loop $tl
        (br_if $tend (i32.ge_s (local.get $t) (local.get $T)))
        (local.set $off (i32.shl (i32.mul (local.get $t) (local.get $T)) (i32.const 3)))
        (local.set $len (i32.add (local.get $t) (i32.const 1)))
        (local.set $pairs (i32.shl (i32.shr_u (local.get $len) (i32.const 1)) (i32.const 4)))
        (local.set $acc (v128.const f64x2 0 0))
        (local.set $j (i32.const 0))
        (block $e1
          (loop $l1
            (br_if $e1 (i32.ge_u (local.get $j) (local.get $pairs)))
            (local.set $acc (f64x2.add (local.get $acc)
              (f64x2.mul (v128.load (i32.add (local.get $p) (i32.add (local.get $off) (local.get $j))))
                         (v128.load (i32.add (local.get $dp) (i32.add (local.get $off) (local.get $j)))))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $l1)))
        (local.set $dot (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))
        (if (i32.and (local.get $len) (i32.const 1))
          (then (local.set $dot (f64.add (local.get $dot)
            (f64.mul (f64.load (i32.add (local.get $p) (i32.add (local.get $off) (local.get $pairs))))
                     (f64.load (i32.add (local.get $dp) (i32.add (local.get $off) (local.get $pairs)))))))))
        (local.set $vd (f64x2.splat (local.get $dot)))
        (local.set $j (i32.const 0))
        (block $e2
          (loop $l2
            (br_if $e2 (i32.ge_u (local.get $j) (local.get $pairs)))
            (v128.store (i32.add (local.get $ds) (i32.add (local.get $off) (local.get $j)))
              (f64x2.mul (f64x2.mul (local.get $vs) (v128.load (i32.add (local.get $p) (i32.add (local.get $off) (local.get $j)))))
                         (f64x2.sub (v128.load (i32.add (local.get $dp) (i32.add (local.get $off) (local.get $j)))) (local.get $vd))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $l2)))
        (if (i32.and (local.get $len) (i32.const 1))
          (then
            (f64.store (i32.add (local.get $ds) (i32.add (local.get $off) (local.get $pairs)))
              (f64.mul (f64.mul (local.get $scale) (f64.load (i32.add (local.get $p) (i32.add (local.get $off) (local.get $pairs)))))
                       (f64.sub (f64.load (i32.add (local.get $dp) (i32.add (local.get $off) (local.get $pairs)))) (local.get $dot))))))
        (local.set $j (i32.shl (local.get $len) (i32.const 3)))
        (block $e3
          (loop $l3
            (br_if $e3 (i32.ge_u (local.get $j) (i32.shl (local.get $T) (i32.const 3))))
            (f64.store (i32.add (local.get $ds) (i32.add (local.get $off) (local.get $j))) (f64.const 0))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $l3)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $tl))))

  ;; Row-wise LayerNorm of n rows of d doubles (as layerNorm.ts): mean, biased
  ;; variance, r = 1/sqrt(var + eps), xhat = (x - mean)*r, y = xhat*w + b;
  ;; rstd[i] = r. Sums in two lanes (even and odd columns), then the odd tail.
  (func (export "layernorm_f64") (param $x i32) (param $w i32) (param $b i32) (param $xhat i32) (param $rstd i32) (param $y i32)
                                 (param $n i32) (param $d i32) (param $eps f64)
    (local $pairs i32) (local $j i32) (local $acc v128) (local $v v128) (local $vm v128) (local $vr v128)
    (local $mean f64) (local $var f64) (local $r f64) (local $e f64) (local $h f64) (local $fd f64) (local $odd i32)
    (local.set $pairs (i32.shl (i32.shr_u (local.get $d) (i32.const 1)) (i32.const 4)))
    (local.set $odd (i32.and (local.get $d) (i32.const 1)))
    (local.set $fd (f64.convert_i32_s (local.get $d)))
    (block $done
      (loop $row
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (local.set $acc (v128.const f64x2 0 0))
        (local.set $j (i32.const 0))
        (block $e1 (loop $l1
          (br_if $e1 (i32.ge_u (local.get $j) (local.get $pairs)))
          (local.set $acc (f64x2.add (local.get $acc) (v128.load (i32.add (local.get $x) (local.get $j)))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br $l1)))
        (local.set $mean (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))
        (if (local.get $odd) (then (local.set $mean (f64.add (local.get $mean) (f64.load (i32.add (local.get $x) (local.get $pairs)))))))
        (local.set $mean (f64.div (local.get $mean) (local.get $fd)))
        (local.set $vm (f64x2.splat (local.get $mean)))
        (local.set $acc (v128.const f64x2 0 0))
        (local.set $j (i32.const 0))
        (block $e2 (loop $l2
          (br_if $e2 (i32.ge_u (local.get $j) (local.get $pairs)))
          (local.set $v (f64x2.sub (v128.load (i32.add (local.get $x) (local.get $j))) (local.get $vm)))
          (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $v) (local.get $v))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br $l2)))
        (local.set $var (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))
        (if (local.get $odd) (then
          (local.set $e (f64.sub (f64.load (i32.add (local.get $x) (local.get $pairs))) (local.get $mean)))
          (local.set $var (f64.add (local.get $var) (f64.mul (local.get $e) (local.get $e))))))
        (local.set $r (f64.div (f64.const 1) (f64.sqrt (f64.add (f64.div (local.get $var) (local.get $fd)) (local.get $eps)))))
        (f64.store (local.get $rstd) (local.get $r))
        (local.set $vr (f64x2.splat (local.get $r)))
        (local.set $j (i32.const 0))
        (block $e3 (loop $l3
          (br_if $e3 (i32.ge_u (local.get $j) (local.get $pairs)))
          (local.set $v (f64x2.mul (f64x2.sub (v128.load (i32.add (local.get $x) (local.get $j))) (local.get $vm)) (local.get $vr)))
          (v128.store (i32.add (local.get $xhat) (local.get $j)) (local.get $v))
          (v128.store (i32.add (local.get $y) (local.get $j))
            (f64x2.add (f64x2.mul (local.get $v) (v128.load (i32.add (local.get $w) (local.get $j)))) (v128.load (i32.add (local.get $b) (local.get $j)))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br $l3)))
        (if (local.get $odd) (then
          (local.set $h (f64.mul (f64.sub (f64.load (i32.add (local.get $x) (local.get $pairs))) (local.get $mean)) (local.get $r)))
          (f64.store (i32.add (local.get $xhat) (local.get $pairs)) (local.get $h))
          (f64.store (i32.add (local.get $y) (local.get $pairs))
            (f64.add (f64.mul (local.get $h) (f64.load (i32.add (local.get $w) (local.get $pairs)))) (f64.load (i32.add (local.get $b) (local.get $pairs)))))))
        (local.set $j (i32.shl (local.get $d) (i32.const 3)))
        (local.set $x (i32.add (local.get $x) (local.get $j)))
        (local.set $xhat (i32.add (local.get $xhat) (local.get $j)))
        (local.set $y (i32.add (local.get $y) (local.get $j)))
        (local.set $rstd (i32.add (local.get $rstd) (i32.const 8)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $row))))

  ;; LayerNorm's backward (as layerNormBackward): g = dy*w, m1 = mean(g),
  ;; m2 = mean(g*xhat), dx += rstd*(g - m1 - xhat*m2); when $params, also
  ;; dw += dy*xhat and db += dy (the caller zeroes them first).
  (func (export "layernorm_grad_f64") (param $dy i32) (param $xhat i32) (param $rstd i32) (param $w i32) (param $dx i32)
                                      (param $dw i32) (param $db i32) (param $n i32) (param $d i32) (param $params i32)
    (local $pairs i32) (local $j i32) (local $a1 v128) (local $a2 v128) (local $g v128) (local $v1 v128) (local $v2 v128) (local $vr v128)
    (local $m1 f64) (local $m2 f64) (local $gs f64) (local $fd f64) (local $odd i32) (local $t i32)
    (local.set $pairs (i32.shl (i32.shr_u (local.get $d) (i32.const 1)) (i32.const 4)))
    (local.set $odd (i32.and (local.get $d) (i32.const 1)))
    (local.set $fd (f64.convert_i32_s (local.get $d)))
    (block $done
      (loop $row
        (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
        (local.set $a1 (v128.const f64x2 0 0))
        (local.set $a2 (v128.const f64x2 0 0))
        (local.set $j (i32.const 0))
        (block $e1 (loop $l1
          (br_if $e1 (i32.ge_u (local.get $j) (local.get $pairs)))
          (local.set $g (f64x2.mul (v128.load (i32.add (local.get $dy) (local.get $j))) (v128.load (i32.add (local.get $w) (local.get $j)))))
          (local.set $a1 (f64x2.add (local.get $a1) (local.get $g)))
          (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $g) (v128.load (i32.add (local.get $xhat) (local.get $j))))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br $l1)))
        (local.set $m1 (f64.add (f64x2.extract_lane 0 (local.get $a1)) (f64x2.extract_lane 1 (local.get $a1))))
        (local.set $m2 (f64.add (f64x2.extract_lane 0 (local.get $a2)) (f64x2.extract_lane 1 (local.get $a2))))
        (if (local.get $odd) (then
          (local.set $t (local.get $pairs))
          (local.set $gs (f64.mul (f64.load (i32.add (local.get $dy) (local.get $t))) (f64.load (i32.add (local.get $w) (local.get $t)))))
          (local.set $m1 (f64.add (local.get $m1) (local.get $gs)))
          (local.set $m2 (f64.add (local.get $m2) (f64.mul (local.get $gs) (f64.load (i32.add (local.get $xhat) (local.get $t))))))))
        (local.set $m1 (f64.div (local.get $m1) (local.get $fd)))
        (local.set $m2 (f64.div (local.get $m2) (local.get $fd)))
        (local.set $v1 (f64x2.splat (local.get $m1)))
        (local.set $v2 (f64x2.splat (local.get $m2)))
        (local.set $vr (v128.load64_splat (local.get $rstd)))
        (local.set $j (i32.const 0))
        (block $e2 (loop $l2
          (br_if $e2 (i32.ge_u (local.get $j) (local.get $pairs)))
          (local.set $g (f64x2.mul (v128.load (i32.add (local.get $dy) (local.get $j))) (v128.load (i32.add (local.get $w) (local.get $j)))))
          (v128.store (i32.add (local.get $dx) (local.get $j))
            (f64x2.add (v128.load (i32.add (local.get $dx) (local.get $j)))
              (f64x2.mul (local.get $vr)
                (f64x2.sub (f64x2.sub (local.get $g) (local.get $v1)) (f64x2.mul (v128.load (i32.add (local.get $xhat) (local.get $j))) (local.get $v2))))))
          (if (local.get $params) (then
            (v128.store (i32.add (local.get $dw) (local.get $j))
              (f64x2.add (v128.load (i32.add (local.get $dw) (local.get $j)))
                (f64x2.mul (v128.load (i32.add (local.get $dy) (local.get $j))) (v128.load (i32.add (local.get $xhat) (local.get $j))))))
            (v128.store (i32.add (local.get $db) (local.get $j))
              (f64x2.add (v128.load (i32.add (local.get $db) (local.get $j))) (v128.load (i32.add (local.get $dy) (local.get $j)))))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br $l2)))
        (if (local.get $odd) (then
          (local.set $t (local.get $pairs))
          (local.set $gs (f64.mul (f64.load (i32.add (local.get $dy) (local.get $t))) (f64.load (i32.add (local.get $w) (local.get $t)))))
          (f64.store (i32.add (local.get $dx) (local.get $t))
            (f64.add (f64.load (i32.add (local.get $dx) (local.get $t)))
              (f64.mul (f64.load (local.get $rstd))
                (f64.sub (f64.sub (local.get $gs) (local.get $m1)) (f64.mul (f64.load (i32.add (local.get $xhat) (local.get $t))) (local.get $m2))))))
          (if (local.get $params) (then
            (f64.store (i32.add (local.get $dw) (local.get $t))
              (f64.add (f64.load (i32.add (local.get $dw) (local.get $t)))
                (f64.mul (f64.load (i32.add (local.get $dy) (local.get $t))) (f64.load (i32.add (local.get $xhat) (local.get $t))))))
            (f64.store (i32.add (local.get $db) (local.get $t))
              (f64.add (f64.load (i32.add (local.get $db) (local.get $t))) (f64.load (i32.add (local.get $dy) (local.get $t)))))))))
        (local.set $j (i32.shl (local.get $d) (i32.const 3)))
        (local.set $dy (i32.add (local.get $dy) (local.get $j)))
        (local.set $xhat (i32.add (local.get $xhat) (local.get $j)))
        (local.set $dx (i32.add (local.get $dx) (local.get $j)))
        (local.set $rstd (i32.add (local.get $rstd) (i32.const 8)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $row))))
)
