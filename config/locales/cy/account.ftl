## Your account: sessions, API tokens, the authenticator app and the security history

account-title = Eich cyfrif
account-lead = Rydych yn mewngofnodi fel { $email }. Yma gallwch weld ble rydych wedi mewngofnodi, gwneud tocynnau ar gyfer rhaglenni sy'n defnyddio'r gwasanaeth ar eich rhan, a gosod ap dilysu.
account-done-revoked = Mae'r tocyn wedi'i ddirymu: nid yw'n gweithio mwyach.
account-done-ended = Rydych wedi allgofnodi o'r sesiwn honno.
account-done-others = Rydych wedi allgofnodi o bob sesiwn arall.
account-done-removed = Mae eich ap dilysu wedi'i dynnu oddi ar eich cyfrif.
# An instant in a table: $date is a short date ("4 Dec 2026"), $time a 24-hour time.
account-moment = { $date }, { $time }
# I'w wirio: mae'r un gair yn y golofn "Yn dod i ben" (dyfodol) ac yn "Defnyddiwyd ddiwethaf" (gorffennol, lle byddai "Erioed" yn fwy cywir); dewiswyd "Byth" i wasanaethu'r ddwy.
account-never = Byth

account-authenticator = Ap dilysu
account-authenticator-on = Mae ap dilysu yn gwarchod eich cyfrif: mae mewngofnodi gyda'ch cyfrinair hefyd yn gofyn am god ohono. Mae gennych { $left ->
    [two] { $left } god adfer
   *[other] { $left } cod adfer
} ar ôl.
account-authenticator-required = Mae angen ap dilysu ar eich rôl. Gofynnir i chi osod un y tro nesaf y byddwch yn mewngofnodi.
account-authenticator-offer = Mae ap dilysu ar eich ffôn (fel Microsoft Authenticator neu Google Authenticator) yn ei gwneud yn llawer anoddach i unrhyw un sy'n dod i wybod eich cyfrinair fewngofnodi fel chi.
account-authenticator-link-on = Eich ap dilysu a'ch codau adfer
account-authenticator-link-off = Gosod ap dilysu

account-sessions = Ble rydych wedi mewngofnodi
account-sessions-caption = Eich sesiynau, y rhai a ddefnyddiwyd ddiwethaf yn gyntaf
account-session-device = Porwr neu raglen
account-session-from = O ble
account-session-signed-in = Wedi mewngofnodi
account-session-last-used = Defnyddiwyd ddiwethaf
account-session-this = Y porwr hwn
account-session-sign-out = Allgofnodi
# I'w wirio: testun cudd ar ôl "Allgofnodi" a bwlch ("Allgofnodi o'r porwr hwn"); i sesiynau eraill daw enw'r ddyfais yn syth ar ôl "Allgofnodi", heb "o".
account-session-sign-out-this = o'r porwr hwn
account-sessions-end-others = Allgofnodi ym mhob man arall
# What a browser's User-Agent names: "Firefox on Windows".
account-device = { $browser } ar { $system }
account-device-browser = Porwr ar { $system }
account-device-unsaid = Porwr neu raglen anhysbys
account-device-python = Rhaglen Python
# I'w wirio: daw hwn ar ôl "ar" yn unig ("Safari ar Mac"); gadawyd enw'r brand heb ei dreiglo (nid "ar Fac").
account-device-mac = Mac

account-tokens = Tocynnau API
account-tokens-lead = Mae tocyn yn gadael i raglen (taenlen, offeryn adrodd) ddefnyddio API y gwasanaeth fel chi. Mae pob un yn gweithio nes iddo ddod i ben neu nes i chi ei ddirymu, ac ni all wneud mwy nag y gallwch chi. Byddwch yn cael e-bost pan gaiff un ei wneud.
account-token-new = Mae eich tocyn newydd isod. Copïwch ef nawr: dim ond y tro hwn y caiff ei ddangos.
account-token-new-keep = Cadwch ef i chi eich hun, fel cyfrinair.
account-token-label = Tocyn
account-token-header = Mae rhaglenni'n ei anfon yn y pennyn hwn, ac yna'r tocyn:
account-tokens-caption = Eich tocynnau API
account-token-name = Enw
# I'w wirio: pennawd colofn ("May" yn Saesneg); "Mynediad" gan mai "Darllen yn unig" neu "Darllen ac ysgrifennu" sydd oddi tano.
account-token-may = Mynediad
account-token-expires = Yn dod i ben
account-token-last-used = Defnyddiwyd ddiwethaf
account-token-revoke = Dirymu
account-tokens-none = Nid oes gennych docynnau API.
account-token-make = Gwneud tocyn
account-token-make-button = Gwneud y tocyn
account-token-scope-read = Darllen yn unig
account-token-scope-read-hint = Gall edrych ar yr hyn y gallwch chi ei weld, heb newid dim.
account-token-scope-write = Darllen ac ysgrifennu
account-token-scope-write-hint = Gall wneud unrhyw beth y gallwch chi ei wneud.
token-field-name = Enw'r tocyn
token-field-name-hint = At beth y mae, fel y byddwch yn ei adnabod yn nes ymlaen. Er enghraifft: Adroddiad misol.
token-field-scope = Beth y caiff ei wneud
token-field-scope-required = Dewiswch beth y caiff ei wneud
token-field-expires_in_days = Nifer y diwrnodau nes iddo beidio â gweithio
token-field-expires_in_days-hint = O 1 i { $max }.

account-history = Newidiadau diweddar i'ch manylion mewngofnodi
account-history-caption = Newidiadau diweddar i'ch manylion mewngofnodi, y mwyaf diweddar yn gyntaf
account-history-when = Pryd
account-history-what = Beth
account-history-from = O ble
account-history-unknown = Os gwelwch newid na wnaethoch chi, rhowch wybod i hwylusydd y Compact.
account-history-none = Does dim byd wedi newid eto.
# A change someone else made: "The password was reset (by Sam Patel)".
account-history-by = { $what } (gan { $by })
# A change with more to say: the token's name, the facilitator's reason.
account-history-detail = { $what }: { $detail }
account-history-by-detail = { $what } (gan { $by }): { $detail }
account-event-reset_requested = Anfonwyd dolen i ailosod y cyfrinair
account-event-password_reset = Ailosodwyd y cyfrinair
account-event-second_factor_added = Gosodwyd ap dilysu
account-event-second_factor_removed = Tynnwyd yr ap dilysu
account-event-recovery_code_used = Defnyddiwyd cod adfer i fewngofnodi
account-event-token_created = Gwnaed tocyn API
account-event-token_revoked = Dirymwyd tocyn API
account-event-signed_out_elsewhere = Allgofnodwyd o bob sesiwn arall

## Setting up the authenticator app

authenticator-title-on = Eich ap dilysu
authenticator-title-set-up = Gosod ap dilysu
authenticator-codes-title = Eich codau adfer
authenticator-codes-lead = Mae eich ap dilysu bellach yn gwarchod eich cyfrif. Os byddwch yn colli eich ffôn, gallwch ddefnyddio pob un o'r codau hyn unwaith i fewngofnodi, yn lle cod o'r ap.
authenticator-codes-once = Dim ond y tro hwn y cânt eu dangos.
authenticator-codes-keep = Argraffwch nhw neu ysgrifennwch nhw i lawr, a'u cadw yn rhywle diogel, ar wahân i'ch ffôn.
authenticator-codes-kept = Rwyf wedi cadw fy nghodau adfer
authenticator-owed-short = Mae angen ap dilysu ar eich rôl cyn y gallwch fynd ymlaen. Mae'n cymryd munud.
authenticator-step-open = Agorwch ap dilysu ar eich ffôn (fel Microsoft Authenticator, Google Authenticator neu 2FAS) a dewiswch ychwanegu cyfrif.
authenticator-step-scan = Sganiwch y cod QR hwn gydag ef.
authenticator-step-type = Teipiwch y cod 6 digid y mae'r ap yn ei ddangos wedyn.
authenticator-qr = Cod QR ar gyfer eich ap dilysu; mae'r allwedd isod yn cynnwys yr un peth
authenticator-cannot-scan = Ni allaf sganio'r cod
authenticator-by-hand = Dewiswch roi allwedd â llaw yn yr ap, a theipiwch yr allwedd hon (yn seiliedig ar amser, 6 digid):
authenticator-confirm = Cadarnhau
authenticator-required-kept = Mae angen ap dilysu ar eich rôl, felly ni ellir ei dynnu yma. Os byddwch yn colli eich ffôn a'ch codau adfer, gofynnwch i hwylusydd y Compact ei ailosod.
authenticator-remove-title = Ei dynnu
authenticator-remove-lead = Os byddwch yn rhoi'r gorau i'w ddefnyddio, bydd eich cyfrinair ar ei ben ei hun yn ddigon i fewngofnodi eto.
authenticator-remove = Tynnu'r ap dilysu
authenticator-back = Yn ôl i'ch cyfrif
authenticator-owed = Mae eich rôl yn gadael i chi weld pob achos, felly mae angen mwy na chyfrinair ar eich cyfrif. Cyn i chi fynd ymlaen, gosodwch ap dilysu ar eich ffôn: o hynny ymlaen, bydd mewngofnodi yn gofyn am eich cyfrinair a chod o'r ap.
authenticator-offer = Mae ap dilysu ar eich ffôn yn ei gwneud yn llawer anoddach i unrhyw un sy'n dod i wybod eich cyfrinair fewngofnodi fel chi: bydd mewngofnodi yn gofyn am eich cyfrinair a chod o'r ap.
authenticator-start = Dechrau
code-field-code = Y cod 6 digid o'r ap
code-field-code-remove = Cod o'r ap, i ddangos mai chi sydd yno
