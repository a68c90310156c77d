# Latency distribution per system (CDF, log scale), from beladdr-peers'
# latency.dat: one block per system, "microseconds share" lines, the
# system's name in the block's first comment.
#   gnuplot -e "datafile='latency.dat'; outfile='latency.png'" latency.gp
set terminal pngcairo size 1000,560 font "sans,11"
set output outfile
set title "Latency per query, single client (noisy, negative, structured and shape queries)"
set xlabel "latency per query (µs, log scale)"
set ylabel "share of queries answered"
set logscale x
set format x "10^{%L}"
set yrange [0:1]
set grid xtics ytics mxtics
set key bottom right noenhanced
stats datafile nooutput
# Eight colours, then the same again dashed: every line tells apart.
plot for [i=0:STATS_blocks-1] datafile index i using 1:2 \
     with lines lw 2 lc (i % 8 + 1) dt i / 8 + 1 \
     title system(sprintf("awk 'BEGIN{b=0} /^# /{if(b==%d){sub(/^# /,\"\");print;exit} b++}' %s", i, datafile))
