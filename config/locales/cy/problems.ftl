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

## Manylion gwrthodiadau y mae'r gwasanaeth yn eu geirio ei hun.

detail-form-expired = Mae'r ffurflen hon wedi dod i ben, neu ni ddaeth o'r gwasanaeth hwn. Ewch yn ôl, ail-lwythwch y dudalen a rhowch gynnig arall arni.
detail-cookie-origin = Rhaid i gais sydd wedi mewngofnodi gyda chwci'r sesiwn ddod o dudalennau'r gwasanaeth hwn ei hun. Mae sgriptiau'n mewngofnodi gyda thocyn cludwr.
detail-token-read-only = Gall y tocyn API hwn ddarllen yn unig. Gwnewch docyn gyda'r cwmpas ysgrifennu i newid unrhyw beth.
detail-code-first = Rhowch y cod o'ch ap dilysu yn gyntaf: anfonwch ef (POST) i /api/v1/auth/second-factor.
detail-enrol-first = Mae angen ap dilysu ar gyfer eich rôl: gosodwch un yn gyntaf (POST /api/v1/me/authenticator, yna cadarnhewch ef gyda chod).
detail-token-cannot-manage-sign-in = Ni all tocyn API reoli mewngofnodi: mewngofnodwch gyda'ch cyfrinair i reoli tocynnau, sesiynau a'ch ap dilysu.
# $roles: enw un rôl, neu restr ohonynt (list-or).
# I'w wirio
detail-needs-role = Mae angen rôl benodol ar gyfer hyn: { $roles }.
list-or = { $first } / { $rest }
# "munud" ac "awr" yn unigol ar ôl rhif.
detail-sign-in-throttled-browser = Gormod o ymdrechion aflwyddiannus i fewngofnodi o'r porwr hwn. Rhowch gynnig arall arni ymhen { $minutes } munud.
detail-sign-in-throttled = Gormod o ymdrechion aflwyddiannus i fewngofnodi i'r cyfrif hwn, neu o'r rhwydwaith hwn. Rhowch gynnig arall arni ymhen { $minutes } munud, neu fewngofnodwch o borwr rydych wedi mewngofnodi ohono o'r blaen.
detail-reset-throttled = Gofynnwyd am ormod o ddolenni ailosod o'r rhwydwaith hwn. Rhowch gynnig arall arni ymhen { $minutes } munud.
detail-codes-throttled = Gormod o godau anghywir. Rhowch gynnig arall arni ymhen { $minutes } munud.
detail-raise-throttled = Rydych wedi codi { $limit } anghytundeb yn ystod y 24 awr ddiwethaf, sef yr uchafswm i un person. Rhowch gynnig arall arni ymhen { $hours } awr, neu ofynnwch i'r hwylusydd.
detail-reset-link-gone = Nid yw'r ddolen ailosod hon yn gweithio: fe'i defnyddiwyd, mae'n hŷn nag awr, neu ni chafodd ei hanfon erioed. Gofynnwch am un newydd.
detail-no-authenticator-being-set-up = Nid oes ap dilysu yn cael ei osod: dechreuwch eto.
detail-no-code-owed = Nid oes angen cod ar y sesiwn hon.
detail-no-authenticator = Nid oes ap dilysu ar y cyfrif hwn.
detail-authenticator-required = Mae angen ap dilysu ar gyfer eich rôl, felly ni ellir ei dynnu. Os ydych wedi'i golli, gofynnwch i'r hwylusydd ei ailosod.
detail-reset-own-authenticator = Ni allwch ailosod eich ap dilysu eich hun: gall hwylusydd arall wneud hynny, neu dynnwch ef ar dudalen eich cyfrif gyda chod ohono.
detail-person-no-authenticator = Nid oes ap dilysu gan y person hwn.
detail-reply-not-added = Ni ellir ei ychwanegu. Y rheswm: { $reason }.
detail-reply-unreadable = Nid yw'r e-bost hwn yn enwi achos y gellir dod o hyd iddo, neu ni ellir ei ddarllen: gwaredwch ef.
detail-panel-writers = Dim ond panel cam yr achos, cadeirydd yr is-grŵp a'r hwylusydd all ysgrifennu ar gyfer y panel.
detail-attachment-too-large = Caiff atodiadau fod yn { $limit } beit ar y mwyaf.
detail-body-too-large-limit = Mae corff y cais yn fwy nag y mae'r gwasanaeth hwn yn ei dderbyn ({ $limit } beit).
detail-body-larger = Mae corff y cais yn fwy nag y mae'r gwasanaeth hwn yn ei dderbyn.
detail-no-letter = { $kind ->
    [informal] Nid oes gan achos { $reference } benderfyniad anffurfiol i ysgrifennu llythyr amdano
    [formal] Nid oes gan achos { $reference } benderfyniad ffurfiol i ysgrifennu llythyr amdano
   *[appeal] Nid oes gan achos { $reference } benderfyniad apêl i ysgrifennu llythyr amdano
}
detail-letter-kinds = mae llythyr yn `informal`, `formal` neu `appeal`
detail-link-no-panel = nid oes panel gan yr achos hwn eto: cynullwch ei banel yn gyntaf, yna ar yr achosion sy'n gysylltiedig ag ef
detail-bundle-who = mae bwndel achos ar gyfer ei ddau sefydliad a'r hwylusydd
detail-not-now = Ni allwch wneud hyn i'r achos nawr. Efallai ei fod wedi symud ymlaen ers i chi agor y dudalen.
detail-file-by-form = Anfonwch y ffeil gyda'r ffurflen ar dudalen yr achos.
detail-file-multipart = Anfonwch y ffeil fel multipart/form-data.
detail-form-encoding = Anfonwch y ffurflen fel application/x-www-form-urlencoded.
detail-send-json = Anfonwch y corff fel JSON, gyda Content-Type: application/json.
detail-if-match = Rhaid i If-Match fod yn fersiwn yr achos fel y mae ei ETag yn ei rhoi, e.e. "3".
detail-idempotency-key = Mae Idempotency-Key rhwng 1 a 200 o nodau ASCII gweladwy.
detail-idempotency-busy = Mae cais gyda'r Idempotency-Key hwn yn dal i gael ei ateb.

## Problem maes, ar ôl ei enw.

field-parties-or-panel = rhaid iddo fod yn parties neu panel
field-not-before-from = rhaid iddo beidio â bod cyn from
field-a-quarter-after-from = rhaid iddo fod o leiaf chwarter calendr (tri mis) ar ôl from: gallai cyfnodau byrrach ddatgelu achos unigol
field-a-year = rhaid iddo fod yn flwyddyn, fel 2026
field-not-a-year = nid yw'n flwyddyn
field-wrong-code = nid yw'n gywir: rhowch y cod 6 digid y mae eich ap dilysu yn ei ddangos nawr, neu un o'ch codau adfer
# I'w wirio
field-file-not-its-kind = { $name } yw enw'r ffeil, ond nid yw ei chynnwys yn cyfateb (disgwylid: { $kind }): anfonwch y ffeil fel y'i gwnaed
field-no-such-case = nid oes achos o'r fath
field-turn-on-or-off = rhaid iddo fod yn turn_on neu turn_off
field-en-or-cy = nid yw'n en nac yn cy
field-not-a-checker = nid yw'n wiriwr
field-idempotency-key-reused = fe'i defnyddiwyd eisoes ar gyfer cais gwahanol
field-too-far-ahead = mae'n rhy bell yn y dyfodol i'w gyfrif
field-days-at-most = rhaid iddo fod yn { $max } ar y mwyaf, a'r canlyniad yn ddyddiad y gellir ei gynrychioli

## Mathau o ffeil, mewn gwrthodiad o ffeil nad yw ei chynnwys yr hyn y mae ei henw'n ei ddweud.

file-kind-pdf = PDF
file-kind-png = llun PNG
file-kind-jpg = llun JPEG
file-kind-gif = llun GIF
file-kind-txt = testun
file-kind-csv = CSV
file-kind-eml = e-bost
file-kind-msg = e-bost Outlook
file-kind-rtf = dogfen destun cyfoethog
file-kind-doc = dogfen Word
file-kind-docx = dogfen Word
file-kind-xls = taenlen Excel
file-kind-xlsx = taenlen Excel
file-kind-odt = testun OpenDocument
file-kind-ods = taenlen OpenDocument

## Gwrthdrawiadau y mae'r storfa'n eu hadrodd.

detail-organisation-name-taken = mae sefydliad gyda'r enw hwnnw'n bodoli eisoes
detail-email-taken = mae gan rywun y cyfeiriad e-bost hwnnw eisoes
detail-person-erased = mae'r person hwn wedi'i ddileu ac ni ellir ei newid
detail-person-erased-already = mae'r person hwn wedi'i ddileu eisoes
detail-authenticator-set-up-already = mae ap dilysu wedi'i osod eisoes ar gyfer y person hwn
detail-delivery-waiting = mae'r danfoniad hwn eisoes yn aros i gael ei anfon
detail-value-taken = mae'r gwerth hwnnw wedi'i gymryd eisoes
detail-idempotency-key-busy = mae'r Idempotency-Key yn brysur

## Rhagor o broblemau maes, ar ôl ei enw.

field-password-short = rhaid iddo fod yn { $min } nod o leiaf
field-password-common = mae'n un o'r cyfrineiriau y mae pobl yn eu defnyddio fwyaf, a gaiff eu dyfalu gyntaf: dewiswch un arall, fel ychydig o eiriau digyswllt
field-password-pattern = mae'n ailadrodd nod neu air, neu'n rhedeg mewn trefn (fel abcdef neu 123456): dewiswch ychydig o eiriau digyswllt
field-password-personal = eich enw, eich cyfeiriad e-bost neu enw'r gwasanaeth hwn yw'r rhan fwyaf ohono, a gaiff eu dyfalu gyntaf: dewiswch ychydig o eiriau digyswllt
field-visibility-required = rhaid ateb hwn: dewiswch parties (pawb ar yr achos) neu panel (y panel, cadeirydd yr is-grŵp a'r hwylusydd yn unig)
field-file-empty = mae'n wag: dewiswch ffeil
field-q-shape = rhaid iddo fod yn 200 nod ar y mwyaf, heb nodau rheoli
field-linked-to-shape = rhaid iddo fod yn gyfeirnod achos, 40 nod ar y mwyaf
field-principle-choice = rhaid iddo fod yn un o egwyddorion y Compact: { $principles }
field-due-within-most = rhaid iddo fod yn { $max } diwrnod gwaith ar y mwyaf
field-cursor = nid yw'n gyrchwr o'r rhestr hon: anfonwch next_cursor y dudalen cyn hon, gyda'r un drefn
field-action-mismatch = rhaid iddo fod yn { $action }, y cam y mae'r cyfeiriad yn ei enwi
field-not-a-field-of = nid yw'n un o feysydd { $action }
field-panel-most = mae gan banel { $max } aelod ar y mwyaf
field-no-such-organisation = nid oes sefydliad o'r fath
field-token-name = rhaid iddo fod rhwng 1 a { $max } nod ar un llinell
field-token-days = rhaid iddo fod rhwng 1 a { $max } diwrnod
field-url-not-address = nid yw'n gyfeiriad: { $error }
field-url-https-or-private = rhaid iddo fod yn gyfeiriad https://: rhaid i deitl achos beidio â chroesi rhwydwaith heb ei amgryptio (mae webhooks.allow_http yn caniatáu http:// ar rwydwaith preifat)
field-url-https = rhaid iddo fod yn gyfeiriad https://
field-url-host = rhaid iddo enwi gwesteiwr
field-url-credentials = rhaid iddo beidio â chynnwys enw defnyddiwr na chyfrinair: caiff danfoniadau eu llofnodi yn lle hynny
field-description = rhaid iddo fod yn { $max } nod ar y mwyaf, ar un llinell
field-erase-yourself = ni allwch eich dileu eich hun; gall hwylusydd arall wneud hynny
field-name-length = rhaid iddo fod rhwng 1 a 200 nod
field-grouping-choice = rhaid iddo fod yn un o grwpiau'r Compact: { $groupings }
field-roles-none = rhowch o leiaf un rôl
field-deactivate-yourself = ni allwch eich analluogi eich hun; gall hwylusydd arall wneud hynny
field-give-up-facilitator = ni allwch roi'r gorau i'ch rôl hwylusydd eich hun; gall hwylusydd arall wneud hynny
field-link-itself = dyma'r achos hwn: cysylltwch ef ag un arall
field-saved-most = rydych wedi cadw { $count } rhestr eisoes: dilëwch un yn gyntaf
detail-no-randomness = nid oes hap-ddata i wneud cyfrinach ag ef

## Corff cais, neu ei feysydd, fel y mae'r API yn eu darllen.

detail-not-json = Nid yw'r corff yn JSON dilys: { $error }
field-not-a-field = nid yw'n un o feysydd y cais hwn
field-not-a-field-one-of = nid yw'n un o feysydd y cais hwn; disgwylid un o: { $fields }
field-not-a-field-expected = nid yw'n un o feysydd y cais hwn; disgwylid: { $fields }
detail-database-away = Nid yw'r gronfa ddata wedi ateb ers { $seconds } eiliad.
detail-migrations-pending = Mae { $count } mudo cronfa ddata yn aros.
