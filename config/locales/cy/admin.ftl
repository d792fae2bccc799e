## Administration: organisations, people and roles, emails, webhooks

admin-contents-organisations = Sefydliadau
admin-contents-people = Pobl a rolau
admin-contents-emails = E-byst na ellid eu hanfon
admin-contents-quarantine = E-byst a dderbyniwyd heb eu hychwanegu
# I'w wirio: cadwyd y term technegol "webhooks" (mae "bachau gwe" mewn rhai geirfaoedd).
admin-contents-webhooks = Webhooks
admin-contents-webhooks-what = digwyddiadau achosion a anfonir i systemau eraill
admin-to-look-at = { $count } i'w gwirio
admin-done-organisation = Mae'r sefydliad wedi'i ychwanegu.
admin-done-person = Mae'r person wedi'i ychwanegu. Rhowch eu cyfrinair iddynt eich hun; nid yw byth yn cael ei anfon drwy e-bost.
admin-done-changed = Mae manylion y person wedi'u newid.
admin-done-resent = Caiff yr e-bost ei anfon eto o fewn munud.
admin-done-released = Mae'r e-bost wedi'i ychwanegu at ei achos.
admin-done-discarded = Mae'r e-bost wedi'i daflu.

admin-organisations-caption = Sefydliadau sydd wedi llofnodi
admin-organisation-name = Enw
admin-organisation-sector = Sector
# I'w wirio: "Grŵp" am "Grouping" (categori'r sefydliad, e.g. Llywodraeth Leol); nid yr Is-grŵp.
admin-organisation-grouping = Grŵp
admin-organisation-signed = Llofnodwyd
admin-organisation-add = Ychwanegu sefydliad
admin-organisation-add-button = Ychwanegu'r sefydliad
admin-field-name = Yr enw
admin-field-sector = Y sector
admin-field-sector-required = Dewiswch y sector
admin-field-grouping = Y grŵp
admin-field-grouping-required = Dewiswch y grŵp
admin-field-signatory_since = Y dyddiad y llofnododd y Compact
admin-field-organisation_id = Y sefydliad
admin-field-organisation_id-required = Dewiswch y sefydliad
admin-field-roles = Y rolau
admin-field-roles-required = Dewiswch o leiaf un rôl
admin-field-password = Y cyfrinair
admin-field-email = Y cyfeiriad e-bost
admin-field-language = Yr iaith
admin-label-name = Enw
admin-label-sector = Sector
admin-label-grouping = Grŵp
admin-label-signatory_since = Y dyddiad y llofnododd y Compact (dewisol)
admin-label-email = Cyfeiriad e-bost
admin-label-organisation = Sefydliad
admin-label-roles = Rolau

admin-people-caption = Pobl sy'n gallu mewngofnodi
admin-person-name = Enw
admin-person-organisation = Sefydliad
admin-person-roles = Rolau
admin-person-change = Newid
admin-person-cannot-sign-in = Ni all fewngofnodi
admin-people-pages = Tudalennau o bobl
admin-person-add = Ychwanegu person
admin-person-add-button = Ychwanegu'r person
admin-person-first-password = Cyfrinair cyntaf
admin-person-first-password-hint = O leiaf { $min } nod. Dywedwch wrthynt beth ydyw eich hun; nid yw byth yn cael ei anfon drwy e-bost.
# What each role may do, under its name on the people forms.
role-member = Aelod
role-member-hint = Yn gweithredu ar ran eu sefydliad: yn codi anghytundebau ac yn ymateb iddynt
role-champion = Hyrwyddwr
role-champion-hint = Hyrwyddwr y Compact: yn gweld achosion eu sefydliad a'r canlyniadau
role-subgroup = Is-grŵp
role-subgroup-hint = Yn eistedd ar baneli'r Is-grŵp Datrys Anghydfodau
role-chair = Cadeirydd
role-chair-hint = Yn cadeirio'r is-grŵp: yn derbyn cwynion ffurfiol ac yn cynnull paneli
role-facilitator = Hwylusydd
role-facilitator-hint = Yn rhedeg proses y Compact: yn gweld pob achos ac yn gweinyddu

admin-emails-caption = E-byst y rhoddwyd y gorau iddynt, y diweddaraf yn gyntaf
admin-email-case = Achos
admin-email-to = At
admin-email-about = Am
admin-email-wrong = Beth aeth o'i le
admin-email-attempts = { $count ->
    [one] { $count } ymgais
   *[other] { $count } ymgais
}
admin-email-send-again = Anfon eto
admin-email-send-again-to = at { $to }
admin-emails-none = Mae pob e-bost wedi'i anfon neu ar ei ffordd.

admin-quarantine-lead = Atebion drwy e-bost na chawsant eu hychwanegu at eu hachos. Ychwanegwch un dim ond pan fyddwch yn siŵr pwy a'i hanfonodd: caiff ei ychwanegu yn enw'r person y rhoddwyd ei gyfeiriad ateb iddo.
admin-quarantine-caption = E-byst a dderbyniwyd heb eu hychwanegu, y diweddaraf yn gyntaf
admin-quarantine-of = Perchennog y cyfeiriad ateb
admin-quarantine-from = Oddi wrth
admin-quarantine-subject = Pwnc
admin-quarantine-why = Pam na chafodd ei ychwanegu
admin-quarantine-settle = Ychwanegu neu daflu
admin-quarantine-add = Ychwanegu at yr achos
admin-quarantine-discard = Taflu
admin-quarantine-none = Mae pob e-bost a dderbyniwyd wedi'i ychwanegu at ei achos.

## A person's page in administration

person-erased-title = Person wedi'i ddileu
person-change-title = Newid manylion { $name }
person-back = Yn ôl i'r dudalen weinyddu
person-erased-on = Cafodd y person hwn ei ddileu ({ $date }). Mae eu manylion mewngofnodi, eu henw a'u cyfeiriad e-bost wedi mynd. Mae pob achos y buont yn rhan ohono yn cofnodi'r dileu yn ei drywydd archwilio.
person-erased-on-text = Cafodd y person hwn ei ddileu ({ $date }). Mae eu manylion mewngofnodi, eu henw a'u cyfeiriad e-bost wedi mynd, a'r testun a ysgrifennwyd ganddynt ar achosion hefyd. Mae pob achos y buont yn rhan ohono yn cofnodi'r dileu yn ei drywydd archwilio.
person-signing-in = Mewngofnodi
person-may-sign-in = Gallant fewngofnodi
person-may-sign-in-hint = Os byddwch yn dad-dicio hwn, daw eu sesiynau i ben ar unwaith.
person-new-password = Cyfrinair newydd (dewisol)
person-new-password-hint = O leiaf { $min } nod. Mae gosod un yn dod â'u sesiynau i ben.
person-save = Cadw'r newidiadau
person-authenticator = Ap dilysu
person-authenticator-on = Mae { $name } wedi gosod ap dilysu. Os ydynt wedi'i golli, a'u codau adfer hefyd, gallwch ei dynnu: daw eu sesiynau i ben, cânt wybod drwy e-bost, ac os oes angen un ar eu rôl, byddant yn gosod un newydd y tro nesaf y byddant yn mewngofnodi. Yn gyntaf, gwiriwch mai nhw sy'n gofyn mewn gwirionedd, er enghraifft drwy ffonio eu swyddfa.
person-authenticator-off = Nid yw { $name } wedi gosod ap dilysu.
person-authenticator-remove = Tynnu eu ap dilysu
reset-field-reason = Pam rydych yn ei ailosod
reset-field-reason-hint = Caiff ei gadw yn eu hanes diogelwch, y gallant ei weld. Er enghraifft: wedi colli eu ffôn; cadarnhawyd drwy alwad i'w swyddfa.
person-history = Newidiadau i'w manylion mewngofnodi
person-history-caption = Newidiadau i'w manylion mewngofnodi, y diweddaraf yn gyntaf
person-history-none = Dim byd eto.
person-records = Yr hyn sydd gan y gwasanaeth am y person hwn ({ $name })
person-records-erased = Yr hyn sydd gan y gwasanaeth am y person hwn
# I'w wirio: "cais gwrthrych am wybodaeth" (term yr ICO) a "stwnsh" am "hash".
person-records-lead = Ar gyfer cais gwrthrych am wybodaeth: pob cofnod sy'n enwi'r person hwn, fesul tabl. Mae stwnshiau cyfrineiriau a thocynnau, a chynnwys y ffeiliau, wedi'u gadael allan.
person-records-pdf = Lawrlwytho popeth a gedwir am y person hwn ({ $name }), i'w ddarllen (PDF)
person-records-pdf-erased = Lawrlwytho popeth a gedwir am y person hwn, i'w ddarllen (PDF)
person-records-json = Yr un peth, ar gyfer system arall (JSON)
person-erase-title = Dileu { $name }
# I'w wirio: mae $tombstone yn dal yn Saesneg ("Erased person"), gan mai dyna'r enw a gedwir.
person-erase-lead-text = Mae dileu person yn golygu na allant fyth fewngofnodi eto, yn rhoi “{ $tombstone }” yn lle eu henw a'u cyfeiriad e-bost ym mhob man, ac yn tynnu'r testun a ysgrifennwyd ganddynt ar achosion: negeseuon, ffeiliau a'r hyn a ysgrifennwyd ganddynt wrth gymryd cam. Mae pob achos y buont yn rhan ohono yn cofnodi'r dileu a'ch rheswm yn ei drywydd archwilio. Os ydynt wedi gofyn am yr hyn a gedwir amdanynt, lawrlwythwch hynny yn gyntaf.
# I'w wirio: mae $tombstone yn dal yn Saesneg ("Erased person"), gan mai dyna'r enw a gedwir.
person-erase-lead = Mae dileu person yn golygu na allant fyth fewngofnodi eto, ac yn rhoi “{ $tombstone }” yn lle eu henw a'u cyfeiriad e-bost ym mhob man; mae'r testun a ysgrifennwyd ganddynt ar achosion yn aros, dan yr enw hwnnw. Mae pob achos y buont yn rhan ohono yn cofnodi'r dileu a'ch rheswm yn ei drywydd archwilio. Os ydynt wedi gofyn am yr hyn a gedwir amdanynt, lawrlwythwch hynny yn gyntaf.
person-erase-warning = Ni allwch ddadwneud dileu person.
person-erase-button = Dileu { $name }
erase-field-reason = Pam rydych yn eu dileu
erase-field-reason-required = Dywedwch pam rydych yn eu dileu
erase-field-reason-hint = Caiff ei gadw yn nhrywydd archwilio eu hachosion, ar gyfer hwyluswyr yn unig. Er enghraifft: gofynnwyd am ddileu drwy e-bost ar 1 Rhagfyr.
erase-field-understood = Cadarnhau
erase-field-understood-required = Cadarnhewch eich bod yn deall na ellir dadwneud dileu person
erase-understood = Rwy'n deall na ellir dadwneud hyn

## Webhooks

webhooks-back = Yn ôl i'r dudalen weinyddu
webhooks-title = Webhooks
webhooks-done-removed = Mae'r pwynt terfyn wedi'i dynnu.
webhooks-lead = Gellir anfon pob digwyddiad achos at system arall (system rheoli achosion neu gofnodion, neu sianel sgwrsio) wrth iddo ddigwydd: pwy a gododd beth, pob cam a gymerwyd, pob penderfyniad. Caiff pob digwyddiad ei anfon i gyfeiriad y pwynt terfyn fel JSON, wedi'i lofnodi yn ôl cynllun Standard Webhooks, ac nid yw'n cario mwy am achos nag y mae ei e-byst yn ei wneud: y cyfeirnod, y teitl a ble mae'r achos yn sefyll.
webhooks-created = Mae'r pwynt terfyn wedi'i gofrestru
webhooks-created-lead = Rhowch y gyfrinach lofnodi hon i'w berchennog, fel y gallant wirio bod pob danfoniad wedi dod o'r gwasanaeth hwn. Dim ond y tro hwn y caiff ei dangos.
webhooks-secret-for = Cyfrinach lofnodi ar gyfer { $url }
webhooks-endpoints = Pwyntiau terfyn
webhooks-endpoints-caption = Pwyntiau terfyn cofrestredig, yr hynaf yn gyntaf
webhooks-address = Cyfeiriad
webhooks-for = At beth y mae
webhooks-registered = Cofrestrwyd
webhooks-none = Nid oes pwynt terfyn wedi'i gofrestru: nid yw digwyddiadau achosion yn mynd i unman ond drwy e-bost.
webhooks-register = Cofrestru pwynt terfyn
webhooks-register-button = Cofrestru'r pwynt terfyn
webhook-field-url = Cyfeiriad y pwynt terfyn
webhook-field-url-hint = Cyfeiriad https:// sy'n ateb POST gyda statws 2xx. Os caiff danfoniad ei wrthod, rhoddir cynnig arall arno, gan aros yn hirach bob tro, a chaiff ei ddangos yma os rhoddir y gorau iddo.
webhook-field-description = At beth y mae (dewisol)
webhook-field-description-hint = Er enghraifft: system gofnodion y cyngor.
webhook-back = Yn ôl i'r webhooks
# I'w wirio: "danfoniad" am "delivery" (mae'r dudalen breifatrwydd yn defnyddio "dosbarthu" am e-byst).
webhook-title = Danfoniadau i { $url }
webhook-done-resent = Caiff y danfoniad ei anfon eto o fewn munud.
# webhook-id is the header's name, and stays as it is.
webhook-lead = Y 100 danfoniad diweddaraf, y diweddaraf yn gyntaf. Mae danfoniad a anfonir eto yn mynd gyda'r un webhook-id, fel y gall derbynnydd sydd wedi'i gael eisoes wybod hynny.
webhook-caption = Danfoniadau, y diweddaraf yn gyntaf
webhook-case = Achos
webhook-event = Digwyddiad
webhook-status = Statws
webhook-wrong = Beth aeth o'i le
webhook-send-again = Anfon eto
# I'w wirio: mae $event yn dal yn Saesneg (enw'r digwyddiad yn yr API).
webhook-send-again-of = { $event } (achos { $reference })
webhook-sent = Wedi'i ddanfon
webhook-failed = Rhoddwyd y gorau iddo
webhook-pending = Yn aros
webhook-none = Nid oes dim wedi'i anfon ato eto.
webhook-remove-title = Tynnu'r pwynt terfyn hwn
webhook-remove-lead = Ni chaiff ddim byd arall ei anfon ato, a chaiff ei ddanfoniadau eu hanghofio.
webhook-remove = Tynnu'r pwynt terfyn
