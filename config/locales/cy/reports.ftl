## The annual review's outcomes and the recommendations tracker

outcomes-caption = Adolygiad blynyddol o ymdrin ag anghydfodau
outcomes-title = Canlyniadau { $year }
outcomes-year = Blwyddyn
outcomes-show = Dangos
outcomes-download = Lawrlwytho'r ffigurau hyn (CSV)
outcomes-print = I'w anfon at y Grŵp Llywio, argraffwch y dudalen hon neu ei chadw fel PDF: caiff ei hargraffu heb y dolenni llywio.
outcomes-cases = Achosion a godwyd yn { $year }
outcomes-met = Terfynau amser a fodlonwyd mewn pryd
# Colon before $date: a Welsh long date begins "Dydd ...", which "ar" would mutate.
outcomes-about = Ffigurau ar gyfer y Compact ({ $compact }), wedi'u cyfrif ar: { $date }. Caiff achosion eu cyfrif yn y flwyddyn y cawsant eu codi. Nid enwir unrhyw achos: mae'r ffigurau ar gyfer y Grŵp Llywio a'r adolygiad blynyddol.
# $below is one less than $least: counts from 1 to $below are hidden.
outcomes-suppressed = Dangosir niferoedd o 1 i { $below } fel "llai na { $least }" (a, lle gellid cyfrifo un nifer o'r fath o'r lleill, y nifer lleiaf nesaf hefyd), fel na all neb adnabod achos.
outcomes-nothing = Dim byd i'w gyfrif eto.
outcomes-cases-column = Achosion
outcomes-median-column = Canolrif y diwrnodau gwaith
# A count too small to show.
outcomes-fewer = llai na { $least }
# I'w wirio: "stays" (the periods cases spent in a stage) given as "cyfnod"; singular after a number, soft-mutated after 2.
outcomes-fewer-stays = { $least ->
    [two] llai na { $least } gyfnod
   *[other] llai na { $least } cyfnod
}
# I'w wirio: "stays" given as "cyfnod", as in outcomes-fewer-stays.
outcomes-median = { $stays ->
    [two] { $median } (dros { $stays } gyfnod)
   *[other] { $median } (dros { $stays } cyfnod)
}
# After a number of days in a chart: "4.5 days".
# I'w wirio: one fixed word for every number; a whole 2 would need "ddiwrnod", which the chart cannot choose.
outcomes-days = diwrnod
outcomes-none-ended = Nid oes yr un wedi dod i ben eto
outcomes-too-few-ended = Rhy ychydig wedi dod i ben i'w dangos ({ $fewer })
outcomes-by-principle = Achosion yn ôl egwyddor
outcomes-by-stage = Y cam pellaf a gyrhaeddwyd
outcomes-by-outcome = Canlyniadau
outcomes-by-raising-sector = Pwy a'u cododd, yn ôl sector
# I'w wirio: "grouping" given as "grŵp", as on the administration pages (admin-organisation-grouping).
outcomes-by-raising-grouping = Pwy a'u cododd, yn ôl grŵp
outcomes-by-respondent-sector = Gyda phwy y'u codwyd, yn ôl sector
outcomes-by-respondent-grouping = Gyda phwy y'u codwyd, yn ôl grŵp
outcomes-by-appeal = Apeliadau
outcomes-by-deadline = Terfynau amser
outcomes-by-recommendation = Argymhellion
outcomes-stage-times = Canolrif y diwrnodau gwaith ym mhob cam
outcomes-column-principle = Egwyddor
outcomes-column-stage = Cam
outcomes-column-outcome = Canlyniad
outcomes-column-sector = Sector
# I'w wirio: "grouping" given as "grŵp", as in outcomes-by-raising-grouping.
outcomes-column-grouping = Grŵp
outcomes-column-result = Canlyniad
outcomes-column-ended = Sut y daethant i ben
outcomes-column-status = Statws

recommendations-lead = Yr hyn a argymhellodd y paneli yn yr achosion y gallwch eu gweld, a beth a ddaeth ohono. Daw'r rhai sy'n dal ar agor ar ôl eu dyddiad dyledus yn gyntaf.
recommendations-for-organisation = Ar gyfer pa sefydliad
recommendations-any-organisation = Unrhyw sefydliad
recommendations-year = Achosion a godwyd yn
recommendations-any-year = Unrhyw flwyddyn
recommendations-status = Statws
recommendations-any-status = Unrhyw statws
recommendations-show = Dangos argymhellion
recommendations-download = Lawrlwytho'r holl argymhellion hyn (CSV)
# The noun is singular after every number; "argymhelliad" begins with a vowel, so 2 does not mutate it.
recommendations-count = { $open ->
    [yes] { $total ->
       *[other] { $shown } argymhelliad agored.
    }
   *[no] { $total ->
       *[other] { $shown } argymhelliad.
    }
}
recommendations-caption = Argymhellion
recommendations-due = Erbyn
recommendations-recommendation = Argymhelliad
recommendations-for = Ar gyfer
recommendations-case = Achos
recommendations-marked-on = ar { $date }
recommendations-overturned = Gwrthdrowyd y penderfyniad ar apêl.
recommendations-pages = Tudalennau o argymhellion
