## Words every page or email may use.

# The product's name, after the Compact's: "Demo Compact disputes".
service-name = disputes
# A text of the Compact's own that has no Welsh yet: English shows it as it is.
in-english = { $text }
# The Compact's name, as its configuration gives it (compact.name, welsh.compact_name).
compact-name = the Compact
