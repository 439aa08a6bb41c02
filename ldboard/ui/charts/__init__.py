"""The Charts view: is work flowing? Cumulative flow, burn-up, throughput,
cycle time and work-item age, drawn from the board's activity log."""
