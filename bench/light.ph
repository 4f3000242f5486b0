-- Light: one sine and a short drum pattern, for checking that threads cost nothing on small
-- programs: phonon bench bench/light.ph --threads 1, then --threads 2.
~drums: s "bd*2 [~ sn]" # amp 0.4
out: sine 220 * 0.1 + ~drums
