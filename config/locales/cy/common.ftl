## Geiriau y gall pob tudalen neu e-bost eu defnyddio.

# Enw'r cynnyrch, ar ôl enw'r Compact.
service-name = anghydfodau
# Testun o eiddo'r Compact nad oes Cymraeg iddo eto: dangosir y Saesneg, wedi'i nodi felly.
in-english = { $text } [yn Saesneg]
# Enw'r Compact, fel y mae ei ffurfweddiad yn ei roi (compact.name, welsh.compact_name).
compact-name = y Compact
