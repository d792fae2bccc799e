## Dogfennau problem (RFC 9457): teitl pob math, a'r manylion y mae'r gwasanaeth yn eu geirio ei
## hun. Mae enwau'r mathau (`type`), enwau meysydd a chodau yn aros yn Saesneg ym mhob iaith.

problem-bad-request = Nid oedd modd darllen y cais
problem-unauthorised = Mewngofnodwch yn gyntaf
problem-bad-credentials = Nid yw'r manylion mewngofnodi hynny'n gywir
problem-forbidden = Ni chewch wneud hyn
problem-not-found = Heb ei ganfod
problem-no-route = Heb ei ganfod
problem-conflict = Nid yw'n bosibl nawr
problem-stale-version = Nid yw'n bosibl nawr
problem-too-large = Rhy fawr
problem-unsupported-media-type = Math o gyfrwng na chefnogir
problem-invalid = Ni ellir defnyddio rhai meysydd
problem-panel-refused = Mae'r panel yn torri rheolau'r panel
problem-too-many-attempts = Gormod o ymdrechion
problem-unavailable = Ddim ar gael dros dro
problem-internal = Aeth rhywbeth o'i le
problem-method-not-allowed = Dull heb ei ganiatáu
problem-timeout = Cymerodd y cais ormod o amser
problem-error = Ni ellir ateb y cais

detail-unauthorised = Mae angen sesiwn wedi mewngofnodi neu docyn cludwr ar gyfer hyn.
detail-bad-credentials = Nid yw'r cyfeiriad e-bost na'r cyfrinair yn gywir.
detail-not-found = Does dim byd yma.
detail-no-route = Does dim cyfeiriad o'r fath.
detail-method-not-allowed = Nid yw'r cyfeiriad hwn yn derbyn y dull hwnnw.
detail-timeout = Cymerodd y cais ormod o amser.
detail-body-timeout = Peidiodd corff y cais â chyrraedd cyn iddo fod yn gyflawn.
detail-too-large = Mae corff y cais yn rhy fawr.
detail-unavailable = Ni all y gwasanaeth gyrraedd ei gronfa ddata. Rhowch gynnig arall arni mewn munud.
detail-internal = Ni allai'r gwasanaeth gwblhau'r cais hwn. Mae wedi'i gofnodi.
detail-stale-version = Mae'r achos wedi newid ers fersiwn { $expected }; ail-lwythwch ef a rhowch gynnig arall arni.
# $fields: enwau'r meysydd, fel y'u rhoddwyd yn y cais.
detail-invalid-fields = { $count ->
    [one] Ni ellir defnyddio'r maes hwn: { $fields }.
   *[other] Ni ellir defnyddio'r meysydd hyn: { $fields }.
}
