-- W1 "osc-filter bank" of shared/bench/WORKLOADS.md, as a Phonon program.
-- 64 band-limited saws at 55·(1 + 0.013·i) Hz, i = 0..63, each through a resonant 2-pole
-- state-variable low-pass with Q = 0.7 + 1.3·i/63; one LFO sweeps every cutoff along
-- 800 + 600·sin(2π·0.3·t) Hz. Cutoff and Q coefficients are updated every sample.
-- Output: the mean of the 64 voices, the same on both channels.
~cutoff: sine 0.3 * 600 + 800
~v0: saw 55 # lpf ~cutoff q:0.7
~v1: saw 55.715 # lpf ~cutoff q:0.720635
~v2: saw 56.43 # lpf ~cutoff q:0.74127
~v3: saw 57.145 # lpf ~cutoff q:0.761905
~v4: saw 57.86 # lpf ~cutoff q:0.78254
~v5: saw 58.575 # lpf ~cutoff q:0.803175
~v6: saw 59.29 # lpf ~cutoff q:0.82381
~v7: saw 60.005 # lpf ~cutoff q:0.844444
~v8: saw 60.72 # lpf ~cutoff q:0.865079
~v9: saw 61.435 # lpf ~cutoff q:0.885714
~v10: saw 62.15 # lpf ~cutoff q:0.906349
~v11: saw 62.865 # lpf ~cutoff q:0.926984
~v12: saw 63.58 # lpf ~cutoff q:0.947619
~v13: saw 64.295 # lpf ~cutoff q:0.968254
~v14: saw 65.01 # lpf ~cutoff q:0.988889
~v15: saw 65.725 # lpf ~cutoff q:1.009524
~v16: saw 66.44 # lpf ~cutoff q:1.030159
~v17: saw 67.155 # lpf ~cutoff q:1.050794
~v18: saw 67.87 # lpf ~cutoff q:1.071429
~v19: saw 68.585 # lpf ~cutoff q:1.092063
~v20: saw 69.3 # lpf ~cutoff q:1.112698
~v21: saw 70.015 # lpf ~cutoff q:1.133333
~v22: saw 70.73 # lpf ~cutoff q:1.153968
~v23: saw 71.445 # lpf ~cutoff q:1.174603
~v24: saw 72.16 # lpf ~cutoff q:1.195238
~v25: saw 72.875 # lpf ~cutoff q:1.215873
~v26: saw 73.59 # lpf ~cutoff q:1.236508
~v27: saw 74.305 # lpf ~cutoff q:1.257143
~v28: saw 75.02 # lpf ~cutoff q:1.277778
~v29: saw 75.735 # lpf ~cutoff q:1.298413
~v30: saw 76.45 # lpf ~cutoff q:1.319048
~v31: saw 77.165 # lpf ~cutoff q:1.339683
~v32: saw 77.88 # lpf ~cutoff q:1.360317
~v33: saw 78.595 # lpf ~cutoff q:1.380952
~v34: saw 79.31 # lpf ~cutoff q:1.401587
~v35: saw 80.025 # lpf ~cutoff q:1.422222
~v36: saw 80.74 # lpf ~cutoff q:1.442857
~v37: saw 81.455 # lpf ~cutoff q:1.463492
~v38: saw 82.17 # lpf ~cutoff q:1.484127
~v39: saw 82.885 # lpf ~cutoff q:1.504762
~v40: saw 83.6 # lpf ~cutoff q:1.525397
~v41: saw 84.315 # lpf ~cutoff q:1.546032
~v42: saw 85.03 # lpf ~cutoff q:1.566667
~v43: saw 85.745 # lpf ~cutoff q:1.587302
~v44: saw 86.46 # lpf ~cutoff q:1.607937
~v45: saw 87.175 # lpf ~cutoff q:1.628571
~v46: saw 87.89 # lpf ~cutoff q:1.649206
~v47: saw 88.605 # lpf ~cutoff q:1.669841
~v48: saw 89.32 # lpf ~cutoff q:1.690476
~v49: saw 90.035 # lpf ~cutoff q:1.711111
~v50: saw 90.75 # lpf ~cutoff q:1.731746
~v51: saw 91.465 # lpf ~cutoff q:1.752381
~v52: saw 92.18 # lpf ~cutoff q:1.773016
~v53: saw 92.895 # lpf ~cutoff q:1.793651
~v54: saw 93.61 # lpf ~cutoff q:1.814286
~v55: saw 94.325 # lpf ~cutoff q:1.834921
~v56: saw 95.04 # lpf ~cutoff q:1.855556
~v57: saw 95.755 # lpf ~cutoff q:1.87619
~v58: saw 96.47 # lpf ~cutoff q:1.896825
~v59: saw 97.185 # lpf ~cutoff q:1.91746
~v60: saw 97.9 # lpf ~cutoff q:1.938095
~v61: saw 98.615 # lpf ~cutoff q:1.95873
~v62: saw 99.33 # lpf ~cutoff q:1.979365
~v63: saw 100.045 # lpf ~cutoff q:2
out: (~v0 + ~v1 + ~v2 + ~v3 + ~v4 + ~v5 + ~v6 + ~v7 + ~v8 + ~v9 + ~v10 + ~v11 + ~v12 + ~v13 + ~v14 + ~v15
    + ~v16 + ~v17 + ~v18 + ~v19 + ~v20 + ~v21 + ~v22 + ~v23 + ~v24 + ~v25 + ~v26 + ~v27 + ~v28 + ~v29
    + ~v30 + ~v31 + ~v32 + ~v33 + ~v34 + ~v35 + ~v36 + ~v37 + ~v38 + ~v39 + ~v40 + ~v41 + ~v42 + ~v43
    + ~v44 + ~v45 + ~v46 + ~v47 + ~v48 + ~v49 + ~v50 + ~v51 + ~v52 + ~v53 + ~v54 + ~v55 + ~v56 + ~v57
    + ~v58 + ~v59 + ~v60 + ~v61 + ~v62 + ~v63) / 64
