-- Wide: 16 independent heavy chains (saw, ladder filter, chorus, reverb), for measuring
-- how rendering scales with threads: phonon bench bench/wide.ph --threads 1, then --threads 2.
~c0: saw 55.000 # moog (sine 0.10 * 500 + 900) 0.5 # chorus # reverb mix:0.3 decay:1.5
~c1: saw 58.850 # moog (sine 0.11 * 500 + 900) 0.5 # chorus # reverb mix:0.3 decay:1.5
~c2: saw 62.700 # moog (sine 0.12 * 500 + 900) 0.5 # chorus # reverb mix:0.3 decay:1.5
~c3: saw 66.550 # moog (sine 0.13 * 500 + 900) 0.5 # chorus # reverb mix:0.3 decay:1.5
~c4: saw 70.400 # moog (sine 0.14 * 500 + 900) 0.5 # chorus # reverb mix:0.3 decay:1.5
~c5: saw 74.250 # moog (sine 0.15 * 500 + 900) 0.5 # chorus # reverb mix:0.3 decay:1.5
~c6: saw 78.100 # moog (sine 0.16 * 500 + 900) 0.5 # chorus # reverb mix:0.3 decay:1.5
~c7: saw 81.950 # moog (sine 0.17 * 500 + 900) 0.5 # chorus # reverb mix:0.3 decay:1.5
~c8: saw 85.800 # moog (sine 0.18 * 500 + 900) 0.5 # chorus # reverb mix:0.3 decay:1.5
~c9: saw 89.650 # moog (sine 0.19 * 500 + 900) 0.5 # chorus # reverb mix:0.3 decay:1.5
~c10: saw 93.500 # moog (sine 0.20 * 500 + 900) 0.5 # chorus # reverb mix:0.3 decay:1.5
~c11: saw 97.350 # moog (sine 0.21 * 500 + 900) 0.5 # chorus # reverb mix:0.3 decay:1.5
~c12: saw 101.200 # moog (sine 0.22 * 500 + 900) 0.5 # chorus # reverb mix:0.3 decay:1.5
~c13: saw 105.050 # moog (sine 0.23 * 500 + 900) 0.5 # chorus # reverb mix:0.3 decay:1.5
~c14: saw 108.900 # moog (sine 0.24 * 500 + 900) 0.5 # chorus # reverb mix:0.3 decay:1.5
~c15: saw 112.750 # moog (sine 0.25 * 500 + 900) 0.5 # chorus # reverb mix:0.3 decay:1.5
out: (~c0 + ~c1 + ~c2 + ~c3 + ~c4 + ~c5 + ~c6 + ~c7 + ~c8 + ~c9 + ~c10 + ~c11 + ~c12 + ~c13 + ~c14 + ~c15) * 0.04
