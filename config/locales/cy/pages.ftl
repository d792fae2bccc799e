## Tudalennau. Mae cofnodion pob tudalen yn dechrau gyda'i henw; mae'r hyn y mae pob tudalen yn
## ei rannu yn dechrau "page-". Daw enw'r Compact mewn cromfachau ar ôl "y Compact", fel nad
## yw arddodiad (at, dan, ar draws) yn ei dreiglo.

page-error-prefix = Gwall:
page-title = { $title } - anghydfodau { $compact }
page-skip = Neidio i'r prif gynnwys
page-nav-label = Prif lywio
page-nav-home = Eich achosion
page-nav-cases = Pob achos
page-nav-raise = Codi anghytundeb
page-nav-subgroup = Is-grŵp
page-nav-outcomes = Canlyniadau
page-nav-recommendations = Argymhellion
page-nav-admin = Gweinyddu
page-nav-check = Gwirio'r rheolau
page-nav-check-visitor = Gwirio rhybudd ac ymgynghoriad
page-nav-sign-in = Mewngofnodi
page-your-account = : eich cyfrif
page-sign-out = Allgofnodi
page-language = Iaith
page-language-switch = { $language }
page-confidential = Mae anghytundebau o dan y Compact ({ $compact }) yn gyfrinachol: dim ond y ddau sefydliad, cadeirydd a phaneli'r Is-grŵp Datrys Anghydfodau, a hwylusydd y Compact sy'n gweld achos.
page-support-links = Dolenni cymorth
page-accessibility = Datganiad hygyrchedd
page-privacy = Preifatrwydd
page-cookies = Cwcis
page-check-dates = Gwirio dyddiadau rhybudd ac ymgynghori
page-api = API ar gyfer systemau eraill
page-not-found = Heb ddod o hyd i'r dudalen
page-not-found-detail = Os teipioch y cyfeiriad gwe, gwiriwch ei fod yn gywir. Os dilynoch ddolen i achos, efallai nad ydych yn un o'r bobl sy'n gallu ei weld.
page-forbidden-help = Os ydych yn credu y dylech allu gwneud hyn, gofynnwch i hwylusydd eich Compact.
page-too-many-help = Arhoswch ychydig funudau, yna rhowch gynnig arall arni.
page-go-start = Mynd i'r dudalen gychwyn

## Rhannau ffurflenni

form-problem = Mae problem
form-choose = Dewiswch
form-date-hint = Er enghraifft, 27 3 2026
form-day = Diwrnod
form-month = Mis
form-year = Blwyddyn
tag-overdue = Yn hwyr
tag-urgent = Brys
tag-clock-stopped = Cloc wedi'i atal
paging-previous = Tudalen flaenorol
paging-next = Tudalen nesaf
paging-page = Tudalen { $number }
paging-page-of = Tudalen { $number } o { $pages }
# $problem: yn Gymraeg lle mae'r gwasanaeth yn ei eirio o'r catalog; ambell broblem y mae rhaglen yn unig yn ei gweld sy'n dal yn Saesneg.
form-field-problem = { $label }: { $problem }
# What is wrong with a field left out, after its name.
form-required = rhaid ateb hwn
# Beth sydd o'i le ar yr hyn a deipiwyd mewn maes, ar ôl enw'r maes a cholon.
form-problem-real-date = rhaid iddo fod yn ddyddiad go iawn
form-problem-date-range = rhaid iddo fod yn ddyddiad rhwng 1 Ionawr { $from } a 31 Rhagfyr { $to }
form-problem-no-day = rhaid iddo gynnwys diwrnod
form-problem-no-month = rhaid iddo gynnwys mis
form-problem-no-year = rhaid iddo gynnwys blwyddyn
form-problem-no-day-month = rhaid iddo gynnwys diwrnod a mis
form-problem-no-day-year = rhaid iddo gynnwys diwrnod a blwyddyn
form-problem-no-month-year = rhaid iddo gynnwys mis a blwyddyn
form-problem-year-digits = rhaid i'r flwyddyn fod yn 4 rhif, fel 2026
form-problem-whole-number = rhaid iddo fod yn rhif cyfan, fel 10
form-problem-not-a-choice = nid yw'n un o'r dewisiadau

## Mewngofnodi

login-title = Mewngofnodi
login-lead = Mewngofnodwch i godi anghytundeb o dan y Compact ({ $compact }), i ymateb i un, neu i ddilyn sut y caiff anghytundebau eu datrys.
login-email = Cyfeiriad e-bost
login-password = Cyfrinair
login-button = Mewngofnodi
login-forgotten = Wedi anghofio eich cyfrinair?
login-through = Neu mewngofnodwch drwy eich sefydliad
login-with = Mewngofnodi gyda { $provider }
login-no-account = Dim cyfrif?
login-no-account-text = Hwylusydd eich Compact sy'n rhoi cyfrifon i'r bobl sy'n gweithredu ar ran pob sefydliad sydd wedi llofnodi. Gallwch wirio a oedd rhybudd neu ymgynghoriad yn cadw at y Compact heb gyfrif.
login-check-link = Gwirio rhybudd neu ymgynghoriad

## Eich achosion (y dudalen gartref)

home-title = Eich achosion
home-waiting = Yn aros amdanoch chi
home-owed-caption = Yr hyn sy'n ddyledus gennych nesaf, y rhai hwyr yn gyntaf
home-nothing-waiting = Does dim byd yn aros amdanoch chi.
home-calendar = Eich terfynau amser yn eich calendr eich hun
home-overdue-across = Yn hwyr ar draws y Compact ({ $compact })
home-overdue-count = { $count ->
    [two] Mae { $count } derfyn amser wedi mynd heibio heb i'r cam gael ei gymryd.
   *[other] Mae { $count } terfyn amser wedi mynd heibio heb i'r cam gael ei gymryd.
}
home-overdue-caption = Terfynau amser hwyr yn y Compact, yr hwyraf yn gyntaf
home-no-overdue = Nid oes terfyn amser yn y Compact yn hwyr.
home-saved = Eich rhestrau wedi'u cadw
home-shared-with = (wedi'i rhannu â phob { $role })
home-delete = Dileu
home-open-cases = Achosion agored y gallwch eu gweld
home-see-all-capped = Gweld pob achos agored (mwy na { $total })
home-see-all = Gweld pob un o'r { $total } achos agored
home-no-cases = Nid oes achosion agored y gallwch eu gweld.
deadlines-case = Achos
deadlines-what = Beth i'w wneud
deadlines-who = Pwy sy'n gyfrifol
deadlines-by = Erbyn

## Tabl o achosion

cases-caption = Achosion
cases-case = Achos
cases-between = Rhwng
cases-and = a
cases-stands = Ble mae'n sefyll
cases-next-due = Nesaf i'w wneud erbyn
cases-nothing = Dim

## Codi anghytundeb

raise-title = Codi anghytundeb
raise-lead = Dywedwch wrthym pa sefydliad sydd heb gadw at y Compact ({ $compact }), a sut. Mae'r achos yn gyfrinachol: dim ond y ddau sefydliad, yr Is-grŵp Datrys Anghydfodau a'r hwylusydd sy'n gallu ei weld, ac nid yw ei godi byth yn cyfrif yn erbyn eich sefydliad.
raise-lead-process = Yn gyntaf mae'r ddau sefydliad yn ceisio ei ddatrys rhyngddynt. Os nad yw hynny'n gweithio, gall y naill neu'r llall fynd ag ef i'r cam ffurfiol, lle mae panel yn penderfynu.
raise-who = 1. Gyda phwy y mae
raise-principles = 2. Pa egwyddorion na chadwyd atynt
raise-what = 3. Beth ddigwyddodd
raise-notice = 4. Rhybudd o newid (os yw'n ymwneud â rhybudd)
raise-notice-lead = Mae'r Compact yn addo rhybudd o { $months } mis cyn newid i gyllid neu gymorth. Llenwch hwn os yw'r anghytundeb yn ymwneud â rhybudd; gadewch ef yn wag fel arall.
raise-consultation = 5. Ymgynghoriad (os yw'n ymwneud ag un)
raise-consultation-lead = Mae'r Compact yn addo { $weeks } wythnos i ateb ymgynghoriad ysgrifenedig ffurfiol. Gadewch hwn yn wag os nad yw'r anghytundeb yn ymwneud ag un.
raise-want = 6. Beth rydych am iddo ddigwydd
raise-respondent-hint = Cyngor neu gorff cyhoeddus arall a lofnododd y Compact, fel arfer.
raise-principles-legend = Dewiswch bob egwyddor sy'n berthnasol
raise-title-hint = Er enghraifft: Daeth grant y ganolfan ddydd i ben ar bythefnos o rybudd. Dyma'r unig ran o'r achos y mae e-byst yn ei dangos.
raise-summary-hint = Beth a wnaed neu a benderfynwyd, gan bwy, a phryd. Cynhwyswch yr hyn rydych eisoes wedi rhoi cynnig arno.
raise-change-kind = Pa fath o newid ydyw?
raise-instrument = I beth y mae'r newid?
raise-outcome-hint = Er enghraifft: bod y grant yn parhau tan dri mis ar ôl rhoi rhybudd.
raise-submit = Codi'r anghytundeb
raise-check-dates = Gwirio'r dyddiadau yn unig

## Meysydd ffurflen codi anghytundeb: label pob un, a'r hyn i'w ddweud pan gaiff ei adael allan

field-respondent_organisation_id = Y sefydliad y mae'r anghytundeb ag ef
field-respondent_organisation_id-required = Dewiswch y sefydliad y mae'r anghytundeb ag ef
field-principles = Dewiswch yr egwyddorion na chadwyd atynt
field-principles-required = Dewiswch yr egwyddorion na chadwyd atynt
field-title = Teitl byr
field-title-required = Rhowch deitl byr
field-summary = Beth ddigwyddodd
field-summary-required = Dywedwch beth ddigwyddodd
field-desired_outcome = Beth rydych am iddo ddigwydd
field-desired_outcome-required = Dywedwch beth rydych am iddo ddigwydd
field-notice-notified_on = Y dyddiad y daeth rhybudd ysgrifenedig i law
field-notice-effective_on = Y dyddiad y daw'r newid i rym
field-notice-defined_end_on = Dyddiad gorffen a gytunwyd cyn y rhybudd (os oedd un)
field-consultation-opened_on = Y dyddiad yr agorodd yr ymgynghoriad
field-consultation-closes_on = Y dyddiad y caeodd
field-consultation-shortened_reason = Y rheswm a roddwyd am ymgynghoriad byrrach (os oedd un)
field-notice-change_kind = Y math o newid
field-notice-change_kind-required = Dewiswch pa fath o newid ydyw
field-notice-instrument = Yr hyn y mae'r newid iddo
field-notice-instrument-required = Dewiswch i beth y mae'r newid
field-notice = Y dyddiadau
field-consultation = Y dyddiadau

## Atebion y gwirwyr

notice-exempt = Nid yw'r rheol rhybudd yn berthnasol
notice-kept = Roedd y rhybudd yn cadw at y Compact
notice-broken = { $days ->
    [two] Nid oedd y rhybudd yn cadw at y Compact: { $days } ddiwrnod yn brin
   *[other] Nid oedd y rhybudd yn cadw at y Compact: { $days } diwrnod yn brin
}
notice-prompt = Rhowch y dyddiad y daeth y rhybudd i law a'r dyddiad y daw'r newid i rym i weld a roddwyd rhybudd o { $months } mis.
consultation-kept = Roedd yr ymgynghoriad yn cadw at y Compact
consultation-broken = { $days ->
    [two] Nid oedd yr ymgynghoriad yn cadw at y Compact: { $days } ddiwrnod yn brin
   *[other] Nid oedd yr ymgynghoriad yn cadw at y Compact: { $days } diwrnod yn brin
}
consultation-prompt = Rhowch y dyddiadau yr agorodd ac y caeodd yr ymgynghoriad i weld a barhaodd am { $weeks } wythnos.

## Gwirio eich atebion

answers-change = Newid
answers-next = Beth sy'n digwydd nesaf
answers-warning = Rhybudd:
answers-cannot-undo = Ni allwch ddadwneud hyn.
answers-change-all = Newid eich atebion

## Ciw'r is-grŵp

subgroup-title = Is-grŵp Datrys Anghydfodau
subgroup-lead = Cwynion ffurfiol ac apeliadau o dan y Compact ({ $compact }).
subgroup-lead-chair = Fel cadeirydd rydych yn derbyn neu'n dychwelyd cwynion ffurfiol ac yn cynnull y paneli.
subgroup-lead-member = Rydych yn gweld yr achosion rydych yn eistedd ar eu paneli.
subgroup-waiting = Yn aros am y cadeirydd
subgroup-caption = Cwynion ffurfiol ac apeliadau sy'n aros am y cadeirydd, y cynharaf i'w wneud yn gyntaf
subgroup-waiting-for = Yn aros am
subgroup-due = Erbyn
subgroup-accept-return = Derbyn, dychwelyd neu wrthod y gŵyn
subgroup-convene = Cynnull y panel
subgroup-convene-appeal = Cynnull y panel apêl, neu wrthod yr apêl
subgroup-nothing = Does dim byd yn aros am y cadeirydd.
subgroup-with-panel = Gyda phanel
subgroup-no-panel = Nid oes panel yn eistedd.

## Yr hyn y mae cadarnhau cam yn ei roi ar waith

confirm-will-close = Bydd yr achos yn cau: { $outcome }.
confirm-will-be = Bydd yr achos yn { $stage }: { $state }.
# Colon ar ôl $who, fel nad oes treiglad.
confirm-will-owe = { $who }: { $what } erbyn { $due }.
confirm-nobody-told = Nid oes neb yn cael e-bost am hyn.
confirm-members-and-champions = aelodau a hyrwyddwyr { $organisation }
confirm-members = aelodau { $organisation }
confirm-champions = hyrwyddwyr { $organisation }
confirm-subgroup-chair = cadeirydd yr is-grŵp
confirm-facilitator = yr hwylusydd
confirm-panel = y panel ({ $names })
# Colon cyn y rhestr, fel nad yw "at" yn ei threiglo.
confirm-told = Mae e-bost yn mynd at: { $list }; nid atoch chi.
owing-panel-chair = Cadeirydd y panel, { $name }
owing-subgroup-chair = Cadeirydd yr is-grŵp
owed-convene-panel = cynnull y panel, sydd i benderfynu erbyn y diwrnod hwn
owed-convene-appeal-panel = cynnull y panel apêl, sydd i benderfynu erbyn y diwrnod hwn

## Gwirio anghytundeb cyn ei godi

raise-answers-title = Gwiriwch eich atebion cyn codi'r anghytundeb
raise-answer-with = Wedi'i godi gyda
raise-answer-principles = Egwyddorion na chadwyd atynt
raise-answer-title = Teitl
raise-answer-summary = Beth ddigwyddodd
raise-answer-notice = Rhybudd o newid
raise-answer-consultation = Yr ymgynghoriad
raise-answer-outcome = Beth rydych am iddo ddigwydd
raise-notice-received = Rhybudd wedi dod i law: { $date }
raise-notice-effect = Yn dod i rym: { $date }
raise-notice-end = Dyddiad gorffen a gytunwyd cyn y rhybudd: { $date }
raise-opened = Agorwyd: { $date }
raise-closed = Caewyd: { $date }
raise-shortened = Y rheswm a roddwyd am ymgynghoriad byrrach: { $reason }
change-kind-change = Newid i'w delerau
change-kind-reduction = Gostyngiad
change-kind-cessation = Dod ag ef i ben
change-kind-review = Adolygiad a allai arwain at unrhyw un o'r rhain
instrument-grant = Grant
instrument-contract = Contract
instrument-agreement = Cytundeb arall
instrument-support = Cymorth mewn nwyddau
instrument-accommodation = Llety

## Iaith person

person-language = Iaith
person-language-hint = Mae’r tudalennau a phob e-bost yn yr iaith hon.
account-language-legend = Iaith eich tudalennau a'ch e-byst
account-language-save = Cadw'r iaith

## Esboniadau'r gwirwyr, brawddeg yr un (dyddiadau mewn cromfachau neu ar ôl colon, fel nad
## oes treiglad)

notice-explain-given = Rhoddwyd rhybudd: { $notified }. Felly daeth rhybudd o { $months } mis i ben: { $ends }.
notice-explain-exempt = Roedd gan y cytundeb ddyddiad gorffen penodol ({ $end }), a osodwyd cyn rhoi rhybudd, ac mae'r newid yn dod i rym ar neu ar ôl y dyddiad hwnnw ({ $effective }): daeth y cytundeb i ben fel y cytunwyd, felly nid yw'r rheol rhybudd yn berthnasol.
notice-explain-kept = Mae'r newid yn dod i rym ar neu ar ôl y dyddiad hwnnw ({ $effective }): cadwyd at rybudd { $months } mis y Compact.
notice-explain-before = Daeth y newid i rym ({ $effective }) cyn i rybudd hyd yn oed gael ei roi: dim rhybudd ymlaen llaw o gwbl.
notice-explain-early = { $days ->
    [two] Mae'r newid yn dod i rym ({ $effective }) { $days } ddiwrnod cyn i'r cyfnod rhybudd ddod i ben.
   *[other] Mae'r newid yn dod i rym ({ $effective }) { $days } diwrnod cyn i'r cyfnod rhybudd ddod i ben.
}
notice-explain-not-kept = Ni chadwyd at rybudd { $months } mis y Compact.
notice-explain-end-no-help = Nid yw dyddiad gorffen penodol y cytundeb ({ $end }) yn helpu: mae'r newid yn dod cyn hynny.
notice-explain-earliest = Y dyddiad cynharaf y gallai'r newid ddod i rym yn gyfreithlon yw: { $ends }.
consultation-explain-ran = { $days ->
    [two] Agorodd yr ymgynghoriad ({ $opened }) ac mae'n cau ({ $closes }): { $days } ddiwrnod.
   *[other] Agorodd yr ymgynghoriad ({ $opened }) ac mae'n cau ({ $closes }): { $days } diwrnod.
}
consultation-explain-kept = Mae hynny o leiaf yn { $weeks } wythnos ({ $required } diwrnod) y Compact: cadwyd at y Compact.
consultation-explain-shortened = { $short ->
    [two] Mae hynny { $short } ddiwrnod yn brin o { $weeks } wythnos ({ $required } diwrnod) y Compact, ond rhoddwyd rheswm dros yr ymgynghoriad byrrach, y mae'r Compact yn ei ganiatáu.
   *[other] Mae hynny { $short } diwrnod yn brin o { $weeks } wythnos ({ $required } diwrnod) y Compact, ond rhoddwyd rheswm dros yr ymgynghoriad byrrach, y mae'r Compact yn ei ganiatáu.
}
consultation-explain-breach = { $short ->
    [two] Mae hynny { $short } ddiwrnod yn brin o { $weeks } wythnos ({ $required } diwrnod) y Compact, ac ni roddwyd rheswm dros yr ymgynghoriad byrrach: ni chadwyd at y Compact.
   *[other] Mae hynny { $short } diwrnod yn brin o { $weeks } wythnos ({ $required } diwrnod) y Compact, ac ni roddwyd rheswm dros yr ymgynghoriad byrrach: ni chadwyd at y Compact.
}

## Meysydd y gwirwyr cyhoeddus, fel y mae eu problemau'n eu henwi

check-field-notified_on = Y dyddiad y daeth rhybudd ysgrifenedig i law
check-field-effective_on = Y dyddiad y daw'r newid i rym
check-field-defined_end_on = Y dyddiad gorffen a gytunwyd cyn y rhybudd
check-field-opened_on = Y dyddiad yr agorodd yr ymgynghoriad
check-field-closes_on = Y dyddiad y caeodd yr ymgynghoriad
check-field-shortened_reason = Y rheswm a roddwyd am ymgynghoriad byrrach

## Y gwirwyr cyhoeddus

check-title = Gwirio rhybudd ac ymgynghoriad
check-lead = Mae'r Compact ({ $compact }) yn addo rhybudd o { $months } mis i sefydliadau gwirfoddol a chymunedol cyn newid i gyllid neu gymorth, a { $weeks } wythnos i ateb ymgynghoriad ysgrifenedig ffurfiol.
check-enter = Rhowch y dyddiadau i weld a gadwyd at y Compact. Nid oes dim a roddwch yma yn cael ei gadw.
check-notice = Rhybudd o newid
check-end-hint = Nid oes angen rhybudd ar grant neu gontract sy'n dod i ben ar ddyddiad a bennwyd ymlaen llaw. Er enghraifft, 31 3 2026
check-notice-button = Gwirio'r rhybudd
check-consultation = Ymgynghoriad ysgrifenedig
check-reason-hint = Dim ond pan fydd y rheswm wedi'i egluro y mae ymgynghoriad byrrach yn cadw at y Compact.
check-consultation-button = Gwirio'r ymgynghoriad
check-not-kept = Os na chadwyd at y Compact
check-not-kept-text = Gall aelodau o sefydliad sydd wedi llofnodi fewngofnodi a chodi anghytundeb. Mae'n gyfrinachol, ac nid yw codi un byth yn cyfrif yn erbyn eich sefydliad.

## Y dudalen gychwyn

start-title = Datrys anghytundeb o dan y Compact
start-heading = Datrys anghytundeb o dan y Compact ({ $compact })
start-lead = Defnyddiwch y gwasanaeth hwn os yw eich sefydliad wedi llofnodi'r Compact ({ $compact }) a bod llofnodwr arall heb gadw ato: er enghraifft, daeth cyngor â'ch grant i ben heb rybudd o { $months } mis, neu rhoddodd lai na { $weeks } wythnos i chi ateb ymgynghoriad.
start-use = Gallwch ei ddefnyddio i:
start-use-raise = godi anghytundeb gyda sefydliad arall sydd wedi llofnodi
start-use-answer = ateb un a godwyd gyda'ch sefydliad
start-use-follow = ddilyn pob cam, terfyn amser a phenderfyniad yn achosion eich sefydliad
start-confidential = Mae achos yn gyfrinachol. Dim ond y ddau sefydliad, cadeirydd yr Is-grŵp Datrys Anghydfodau, y panel sy'n ei glywed a hwylusydd y Compact sy'n gallu ei weld. Nid yw codi un byth yn cyfrif yn erbyn eich sefydliad.
start-now = Dechrau nawr
start-before = Cyn i chi ddechrau
start-before-text = Mae angen cyfrif arnoch. Hwylusydd y Compact sy'n rhoi cyfrifon i'r bobl sy'n gweithredu ar ran pob sefydliad sydd wedi llofnodi. Heb gyfrif gallwch wirio o hyd a gadwodd rhybudd neu ymgynghoriad at y Compact.
start-what-happens = Beth sy'n digwydd
start-working-days = Mae terfynau amser mewn diwrnodau gwaith: nid yw penwythnosau a gwyliau banc ({ $holidays }) yn cyfrif.
start-informal = Anffurfiol: y ddau sefydliad yn siarad
start-informal-text = Mae'r sefydliad rydych yn ei godi gydag ef yn ei gydnabod o fewn { $acknowledge } diwrnod gwaith. Yna rydych yn ceisio ei setlo rhyngoch, o fewn { $resolve } diwrnod gwaith. Pan na chadwyd at rybudd o newid, caiff y ddau derfyn eu haneru, fel y gellir ei setlo cyn i'r newid ddod i rym.
start-formal = Ffurfiol: panel yn penderfynu
start-formal-text = Os nad yw siarad yn ei setlo, gall y naill sefydliad neu'r llall wneud cwyn ffurfiol. Mae cadeirydd yr Is-grŵp Datrys Anghydfodau yn ei derbyn, yn ei dychwelyd neu'n ei gwrthod o fewn { $accept } diwrnod gwaith. Mae panel o'r is-grŵp yn ei chlywed, gyda chynifer o aelodau o sefydliadau gwirfoddol a chymunedol ag o gyrff cyhoeddus, a neb o'r naill sefydliad na'r llall. Mae'r sefydliad y cwynwyd amdano yn ateb y panel yn ysgrifenedig o fewn { $respond } diwrnod gwaith, ac mae'r panel yn penderfynu o fewn { $decide } diwrnod gwaith i dderbyn y gŵyn.
start-appeal = Apêl: ail banel
start-appeal-text = Gall y naill sefydliad neu'r llall apelio o fewn { $window } diwrnod gwaith i'r penderfyniad. Mae'r cadeirydd yn cynnull panel apêl o aelodau gwahanol o fewn { $convene } diwrnod gwaith, ac mae'n penderfynu o fewn { $decide } diwrnod gwaith. Mae ei benderfyniad yn derfynol o dan y Compact.
start-emails = Mae pawb dan sylw yn cael e-bost ar bob cam, a nodyn atgoffa { $reminder ->
    [two] { $reminder } ddiwrnod
   *[other] { $reminder } diwrnod
} gwaith cyn pob terfyn amser. Gellir estyn terfyn amser, hyd at { $extension } diwrnod gwaith ym mhob cam, ac mae'n aros tra bydd achos wedi'i oedi (ar gyfer cyfryngu, er enghraifft).
holidays-england_and_wales = Cymru a Lloegr
holidays-scotland = yr Alban
holidays-northern_ireland = Gogledd Iwerddon

## Allgofnodi

logout-button = Allgofnodi

## Pob achos

cases-title-linked = { $reference } a'r achosion sy'n gysylltiedig ag ef
cases-show-all = Dangos pob achos
cases-search = Chwilio
cases-search-hint = Cyfeirnod, neu eiriau o'r achos, ei negeseuon neu enwau ei ffeiliau.
cases-stage = Cam
cases-any-stage = Unrhyw gam
cases-principle = Egwyddor
cases-any-principle = Unrhyw egwyddor
cases-year = Wedi'i godi yn
cases-any-year = Unrhyw flwyddyn
cases-due = Terfyn amser yn ddyledus
cases-any-time = Unrhyw bryd
cases-within = { $days ->
    [two] O fewn { $days } ddiwrnod gwaith
   *[other] O fewn { $days } diwrnod gwaith
}
cases-passed = Terfynau amser wedi mynd heibio
cases-passed-only = Dim ond achosion â therfyn amser wedi mynd heibio
cases-order = Trefn
cases-order-newest = Y rhai a godwyd ddiwethaf yn gyntaf
cases-order-oldest = Y rhai a godwyd gyntaf yn gyntaf
cases-order-due = Y terfyn amser nesaf yn gyntaf
cases-order-updated = Y rhai a newidiwyd ddiwethaf
cases-order-reference = Yn ôl cyfeirnod
cases-show = Dangos achosion
cases-download = Lawrlwytho'r holl achosion hyn (CSV)
cases-save-as = Cadw'r rhestr hon fel
cases-save-hint = Bydd ar eich tudalen gartref.
cases-save = Cadw'r rhestr hon
cases-saved = Mae'r rhestr wedi'i chadw: mae ar eich tudalen gartref.
cases-more-than = Mwy na { $total } achos.
# Mae'r enw'n unigol ar ôl pob rhif.
cases-total = { $count ->
   *[other] { $total } achos.
}
cases-pages = Tudalennau o achosion

## Mewngofnodi gyda chod, ac ailosod cyfrinair

code-title = Rhowch y cod o'ch ap dilysu
code-lead = Agorwch yr ap dilysu ar eich ffôn a theipiwch y cod 6 digid y mae'n ei ddangos ar gyfer { $compact }.
code-label = Cod
code-continue = Parhau
code-no-phone = Nid yw fy ffôn gennyf
code-recovery = Teipiwch un o'r codau adfer a gadwoch pan osodoch yr ap yn lle hynny: mae pob un yn gweithio unwaith. Os nad oes gennych rai ar ôl, gofynnwch i hwylusydd y Compact ailosod eich ap dilysu.
forgot-sent-title = Gwiriwch eich e-bost
forgot-sent = Os oes cyfrif gan y cyfeiriad hwnnw, rydym wedi anfon dolen ato i ddewis cyfrinair newydd. Mae'r ddolen yn gweithio unwaith, am { $minutes } munud.
forgot-no-email = Dim e-bost? Gwiriwch eich ffolder sothach, neu gwnewch yn siŵr eich bod wedi teipio'r cyfeiriad y gwnaed eich cyfrif ag ef.
forgot-ask-again = Gofyn eto
forgot-title = Ailosod eich cyfrinair
forgot-lead = Teipiwch y cyfeiriad e-bost rydych yn mewngofnodi ag ef. Byddwn yn anfon dolen ato i ddewis cyfrinair newydd.
forgot-send = Anfon y ddolen
reset-title = Dewiswch gyfrinair newydd
reset-lead = Unwaith y caiff ei osod, byddwch wedi'ch allgofnodi ym mhob man, a gallwch fewngofnodi ag ef.
reset-password = Eich cyfrinair newydd
reset-hint = O leiaf { $min } nod. Mae ychydig o eiriau digyswllt yn hawdd eu cofio ac yn anodd eu dyfalu.
reset-set = Gosod y cyfrinair
reset-broken-title = Nid yw'r ddolen hon yn gweithio
reset-broken = Mae dolen ailosod yn gweithio unwaith, am awr ar ôl iddi gael ei hanfon.
reset-ask-new = Gofyn am ddolen newydd
login-refused = Nid yw'r cyfeiriad e-bost na'r cyfrinair yn gywir
field-email = Eich cyfeiriad e-bost
field-email-required = Rhowch eich cyfeiriad e-bost
field-password = Eich cyfrinair
field-password-required = Rhowch eich cyfrinair
new-password-field-password = Eich cyfrinair newydd
# $action: enw'r cam gweithredu, berfenw heb ei briflythyren (dim treiglad ar ôl "cyn").
answers-title-action = Gwiriwch eich atebion cyn { $action }

## Tudalen achos

case-urgent = Brys: ni chadwyd at y rhybudd
case-stages = Camau
case-stage-now = (lle mae'r achos nawr)
case-stage-done = Wedi'i wneud
case-stage-not-reached = Heb ei gyrraedd
case-can-do = Beth allwch chi ei wneud nawr
case-about = Am yr anghytundeb
case-raised-by = Wedi'i godi gan
case-raised-on = Wedi'i godi ar
case-principles = Egwyddorion
case-stands = Cam { $stage }: { $state }
case-paused-from = (o: { $state })
case-outcome = Canlyniad: { $outcome }
case-they-want = Beth maen nhw am iddo ddigwydd
case-notice = Rhybudd
case-consultation = Ymgynghoriad
case-proposed-by-raiser = Wedi'i gynnig gan y sefydliad a'i cododd ({ $date }).
case-proposed-by-respondent = Wedi'i gynnig gan y sefydliad sy'n ymateb ({ $date }).
case-interests = Buddiannau a ddatganwyd
case-conflict = Mae { $person } yn gweithio i'r sefydliad { $organisation }, un o bartïon yr achos hwn, a'r person hwnnw a gymerodd y cam hwn ({ $date }): { $action }.
case-panel = Y panel
case-chair = cadeirydd
case-decision = Penderfyniad y panel
case-finding = Canfyddiad
case-decided-on = Dyddiad y penderfyniad
case-recommendation = Argymhelliad
case-recommendation-number = argymhelliad { $number }
case-for = Ar gyfer
case-status = Statws
case-overturned = gwrthdrowyd y penderfyniad ar apêl
case-appeal-panel = Y panel apêl
case-appeal-decision = Penderfyniad yr apêl
case-result = Canlyniad
case-final-outcome = Canlyniad terfynol
case-letters = Llythyrau penderfyniad
case-letters-lead = Pob penderfyniad fel llythyr (PDF) i bob sefydliad, i'w argraffu, ei anfon ymlaen neu ei ffeilio.
case-letter-to = { $heading }, at: { $to } (PDF)
case-bundle = Y cofnod cyfan
case-bundle-lead = Popeth ar yr achos hwn y cewch ei weld, mewn un ffeil i'w throsglwyddo (i ombwdsmon, er enghraifft): cofnod yr achos a'r llythyrau penderfyniad fel PDF, y ffeiliau, a'r trywydd archwilio, y gall unrhyw un ei wirio gyda:
case-bundle-download = Lawrlwytho cofnod yr achos (ZIP)
case-links = Achosion cysylltiedig
case-link-same = yr un penderfyniad
case-link-related = yn gysylltiedig
case-links-list = Gweld yr achos hwn a'i achosion cysylltiedig fel rhestr, gyda ble mae pob un yn sefyll a beth sydd i'w wneud nesaf
case-links-panel = Gall panel yr achos hwn glywed yr achosion cysylltiedig sy'n aros am banel. Caiff pob un ei gynnull fel y byddai ar ei dudalen ei hun, a chaiff ei sefydliadau wybod.
case-links-panel-button = Cynnull y panel hwn ar yr achosion cysylltiedig
case-link-reference = Cysylltu â'r achos â'r cyfeirnod
case-link-reference-hint = Cyfeirnod yr achos arall, fel y mae'n ymddangos ar ei dudalen.
case-link-because = Oherwydd
case-link-same-long = Yr un penderfyniad a achosodd y ddau
case-link-related-long = Maen nhw'n effeithio ar ei gilydd
case-link-button = Cysylltu'r achosion
case-timeline = Beth sydd wedi digwydd
case-note = Nodyn: { $note }
case-deadlines = Terfynau amser
case-paused = Mae'r achos wedi'i oedi: stopiodd y cloc ({ $since }). Pan fydd yn ailddechrau, bydd pob terfyn amser yn symud ymlaen yn ôl y diwrnodau gwaith y parhaodd yr oedi.
case-days-left = { $count ->
    [two] { $count } ddiwrnod gwaith ar ôl
   *[other] { $count } diwrnod gwaith ar ôl
}
case-due-when-paused = yn ddyledus eisoes pan gafodd yr achos ei oedi
case-due-by = erbyn { $date }
case-how-counted = Sut y cyfrifwyd hyn
case-no-deadline = Nid oes terfyn amser yn rhedeg.
case-earlier-deadlines = Terfynau amser cynharach
case-earlier-deadline = { $what } erbyn { $date }: { $status }
case-messages = Negeseuon
case-by-email = , drwy e-bost
case-share = Rhannu â phawb ar yr achos
case-no-messages = Dim negeseuon eto.
case-add-message = Ychwanegu neges
case-add-message-panel-hint = Dewiswch isod, bob tro, pwy sy'n gallu ei darllen.
case-add-message-hint = Gall pawb sy'n gallu gweld yr achos ei darllen: y ddau sefydliad, cadeirydd yr is-grŵp, yr hwylusydd a'r panel.
case-who-reads = Pwy sy'n gallu ei darllen
case-field-message = Eich neges
case-field-file = Y ffeil
case-field-visibility-required = Dewiswch pwy sy'n gallu ei darllen
case-add-message-button = Ychwanegu neges
case-files = Ffeiliau
case-file-added = { $kilobytes } KB, wedi'i hychwanegu ({ $by }, { $date })
case-no-files = Dim ffeiliau eto.
case-add-file = Ychwanegu ffeil
# $accepted: y mathau o ffeil a dderbynnir (files-accepted); $limit: y maint mwyaf ("10 MB").
case-file-hint = { $accepted }, hyd at { $limit }.
case-add-file-button = Ychwanegu ffeil
case-emails = E-byst am yr achos hwn
case-emails-count = { $count } e-bost, y diweddaraf yn gyntaf
case-emails-failed = : ni ellid anfon { $count }
case-email-to = At
case-email-about = Am
case-email-queued = Mewn ciw
case-email-sent = Wedi'i anfon
case-email-not-sent = Heb ei anfon
case-email-again = Anfon eto
case-email-again-to = at { $to }
case-email-waiting = Yn aros
case-email-attempts = { $count } ymgais
case-readers-everyone = Pawb ar yr achos
case-readers-formal-panel = Y panel ffurfiol, cadeirydd yr is-grŵp a'r hwylusydd yn unig
case-readers-appeal-panel = Y panel apêl, cadeirydd yr is-grŵp a'r hwylusydd yn unig
case-formal-panel-only = Y panel ffurfiol yn unig
case-appeal-panel-only = Y panel apêl yn unig
case-raised = Mae eich anghytundeb wedi'i godi. Ei gyfeirnod yw { $reference }. Mae'r sefydliad arall wedi cael gwybod drwy e-bost.
case-done-message = Mae eich neges wedi'i hychwanegu.
case-done-attachment = Mae eich ffeil wedi'i hychwanegu.
case-done-shared = Gall pawb ar yr achos ei darllen nawr.
case-done-resent = Caiff yr e-bost ei anfon eto o fewn munud.
case-done-linked = Mae'r achosion wedi'u cysylltu.
case-done-linked_panel = { $count ->
    [0] Nid oedd unrhyw achos cysylltiedig yn aros am banel.
   *[other] Cynullwyd y panel ar { $count } achos cysylltiedig.
}

## Y datganiadau sy'n ddyledus gan bob gwasanaeth cyhoeddus: preifatrwydd, hygyrchedd, cwcis
## I'w wirio: mae'r rhain yn destunau cyfreithiol; dylai swyddog iaith eu hadolygu.

privacy-title = Hysbysiad preifatrwydd
privacy-controller = { $operator } sy'n rhedeg y gwasanaeth hwn ar gyfer y Compact ({ $compact }), ac sy'n penderfynu beth a wneir â'r wybodaeth ynddo (ef yw'r rheolydd data). Ysgrifennwch gydag unrhyw gwestiwn am eich gwybodaeth at:
privacy-hold = Yr hyn sydd gennym amdanoch
privacy-hold-who = eich enw, eich cyfeiriad e-bost gwaith, eich sefydliad a'ch rolau, a roddwyd i'r hwylusydd gan eich sefydliad
privacy-hold-cases = yr hyn a ysgrifennwch mewn achos: yr anghytundeb, negeseuon, ymatebion, penderfyniadau, a'r ffeiliau a ychwanegwch
privacy-hold-record = cofnod o bob cam a gymerwch ar achos, a gedwir fel y gellir gwirio'r cofnod ac na ellir ei newid heb i neb sylwi
privacy-hold-emails = yr e-byst y mae'r gwasanaeth yn eu hanfon atoch, ac a gafodd pob un ei ddosbarthu
privacy-hold-failures = cyfeiriad rhyngrwyd ac amser ymdrechion aflwyddiannus i fewngofnodi, i atal pobl rhag dyfalu cyfrineiriau
privacy-why = Pam mae gennym y wybodaeth
privacy-why-text = I ddatrys anghytundebau o dan y Compact, y mae'r sefydliadau sydd wedi llofnodi wedi cytuno i'w wneud: tasg a gyflawnir er budd y cyhoedd. Rydym yn defnyddio eich cyfeiriad e-bost i ddweud wrthych am yr achosion rydych yn rhan ohonynt a'r terfynau amser sy'n ddyledus gennych. Nid ydym byth yn ei ddefnyddio at unrhyw beth arall, a byth yn ei werthu na'i rannu y tu allan i'r Compact.
privacy-who = Pwy sy'n gallu ei gweld
privacy-who-text = Dim ond y ddau sefydliad ynddo, cadeirydd yr Is-grŵp Datrys Anghydfodau, y panel sy'n ei glywed, a hwylusydd y Compact sy'n gallu gweld achos, ac enwau'r bobl sy'n gweithredu ynddo. Dim ond y panel hwnnw, y cadeirydd a'r hwylusydd sy'n gweld nodiadau a ysgrifennwyd ar gyfer panel. Mae adroddiadau ar ganlyniadau yn cyfrif achosion; nid ydynt byth yn enwi sefydliad na pherson, a chaiff niferoedd bach eu cuddio fel na ellir adnabod unrhyw achos.
privacy-how-long = Am ba hyd rydym yn ei chadw
privacy-how-long-text = Caiff ymdrechion aflwyddiannus i fewngofnodi eu hanghofio ar ôl { $minutes } munud; caiff porwr ei gofio am { $days } diwrnod ar ôl iddo fewngofnodi. Caiff achosion a'u cofnodion eu cadw cyhyd ag y mae polisi cofnodion y Compact yn ei ddweud, fel y gellir dilyn ac adolygu penderfyniadau a'u hargymhellion.
privacy-rights = Eich hawliau
privacy-rights-text = Gallwch ofyn am gael gweld yr wybodaeth sydd gennym amdanoch, am ei chywiro, neu, lle mae'r gyfraith yn caniatáu, am ei dileu neu gyfyngu ar ei defnydd. Ysgrifennwch at:
privacy-complain = Os nad ydych yn fodlon â'n hateb gallwch gwyno i Swyddfa'r Comisiynydd Gwybodaeth.
privacy-complain-link = Cwyno i Swyddfa'r Comisiynydd Gwybodaeth
accessibility-title = Datganiad hygyrchedd
accessibility-lead = { $operator } sy'n rhedeg y gwasanaeth hwn ar gyfer y Compact ({ $compact }). Rydym am i gynifer o bobl â phosibl allu ei ddefnyddio. Dylech allu:
accessibility-zoom = chwyddo hyd at 400% heb i'r testun fynd oddi ar y sgrin, a'i ddefnyddio ar ffôn mor gul â 320 picsel
accessibility-keyboard = mynd drwy bob tudalen gan ddefnyddio bysellfwrdd yn unig
accessibility-reader = ei ddefnyddio gyda darllenydd sgrin: mae label gan bob maes ffurflen, caiff pob gwall ei restru ar frig y dudalen ac wrth ymyl ei faes, ac mae ffigurau pob siart mewn tabl
accessibility-script = ei ddefnyddio heb JavaScript: mae pob tudalen yn gweithio hebddo
accessibility-colours = newid lliwiau, cyferbyniad a ffontiau yn eich porwr, a dal i allu darllen pob tudalen
accessibility-how = Pa mor hygyrch yw'r gwasanaeth hwn
accessibility-how-text = Caiff pob tudalen ei gwirio'n awtomatig, ym mhob rôl ac ar led ffôn a bwrdd gwaith, yn erbyn Canllawiau Hygyrchedd Cynnwys y We (WCAG) 2.2 ar lefel AA, heb ganfod unrhyw fethiant difrifol neu dyngedfennol. Nid yw'r gwasanaeth wedi'i archwilio eto gan arbenigwr hygyrchedd na'i brofi gyda phobl sy'n defnyddio technoleg gynorthwyol, felly gallai fod problemau na all y gwiriadau hynny eu canfod.
accessibility-files = Daw'r ffeiliau a ychwanegir at achos (llythyrau, cofnodion, adroddiadau) gan y sefydliadau ynddo, ac efallai nad ydynt yn hygyrch. Gofynnwch i'r sefydliad a ychwanegodd un am fformat arall.
accessibility-feedback = Adborth a gwybodaeth gyswllt
accessibility-feedback-text = Os dewch o hyd i broblem, neu os oes angen gwybodaeth o'r gwasanaeth hwn arnoch mewn fformat arall, ysgrifennwch at:
accessibility-enforcement = Y drefn orfodi
accessibility-enforcement-text = Y Comisiwn Cydraddoldeb a Hawliau Dynol (EHRC) sy'n gyfrifol am orfodi Rheoliadau Hygyrchedd Cyrff y Sector Cyhoeddus (Gwefannau a Rhaglenni Symudol) (Rhif 2) 2018. Os nad ydych yn fodlon â'r ffordd rydym yn ymateb i'ch cwyn, cysylltwch â'r Gwasanaeth Cynghori a Chymorth Cydraddoldeb (EASS).
accessibility-eass = Cysylltu â'r Gwasanaeth Cynghori a Chymorth Cydraddoldeb
accessibility-technical = Gwybodaeth dechnegol
accessibility-technical-text = Mae'r datganiad hwn yn disgrifio fersiwn { $version } o'r gwasanaeth. Mae ei dudalennau'n dilyn patrymau System Ddylunio GOV.UK.
cookies-title = Cwcis
cookies-lead = Ffeiliau bach yw cwcis a gaiff eu cadw ar eich ffôn, llechen neu gyfrifiadur pan fyddwch yn ymweld â gwefan. Dim ond y cwcis sydd eu hangen arno i weithio y mae'r gwasanaeth hwn yn eu defnyddio: nid oes yr un yn mesur sut rydych yn ei ddefnyddio, nid oes yr un yn cael ei rannu ag unrhyw un arall, ac nid oes yr un yn cael ei ddefnyddio ar gyfer hysbysebu. Dyna pam nad yw'n gofyn am eich caniatâd.
cookies-caption = Cwcis y mae'r gwasanaeth hwn yn eu gosod
cookies-name = Enw
cookies-for = I beth y mae
cookies-expires = Pryd y daw i ben
cookies-session = Yn eich cadw wedi mewngofnodi wrth i chi symud o dudalen i dudalen
cookies-session-expires = Ar ôl { $hours } awr, neu pan fyddwch yn allgofnodi
cookies-visitor = Yn profi bod y ffurflen fewngofnodi a anfonwch wedi dod o'r gwasanaeth hwn, nid o wefan arall
cookies-visitor-expires = Pan fyddwch yn cau eich porwr
cookies-language = Yn cofio'r iaith a ddewisoch gyda'r ddolen English / Cymraeg, pan nad ydych wedi mewngofnodi
cookies-language-expires = Ar ôl blwyddyn
cookies-device = Yn cofio bod y porwr hwn wedi mewngofnodi o'r blaen, fel na all rhywun sy'n dyfalu cyfrineiriau mewn man arall eich cloi allan
cookies-device-expires = Ar ôl { $days } diwrnod
cookies-http-only = Mae pob un wedi'i farcio'n HttpOnly, felly ni all unrhyw sgript ei ddarllen, a dim ond i'r gwasanaeth hwn y caiff ei anfon.

## Eich terfynau amser yn eich calendr

calendar-title = Eich terfynau amser yn eich calendr
calendar-lead = Gall eich rhaglen galendr (Outlook, Google Calendar, Apple Calendar) ddangos y terfynau amser sy'n ddyledus gennych ar eich achosion, a'u cadw'n gyfredol ei hun. Mae'n eu darllen o gyfeiriad preifat sydd gennych chi yn unig.
calendar-private = Dim ond cyfeirnod yr achos, y cam sy'n ddyledus a'r diwrnod y mae pob terfyn amser yn eu dangos. Nid oes dim byd arall am achos ynddo.
calendar-address = Cyfeiriad eich calendr
calendar-copy = Copïwch y cyfeiriad hwn i'ch rhaglen galendr, lle mae'n gofyn am ychwanegu neu danysgrifio i galendr o'r rhyngrwyd. Dim ond unwaith y caiff ei ddangos: cadwch ef i chi'ch hun, gan y gall unrhyw un sydd ag ef weld eich terfynau amser.
calendar-address-label = Cyfeiriad y calendr
calendar-since = Mae cyfeiriad eich calendr wedi bod yn gweithio ers: { $date }. Os gallai fod gan rywun arall, rhowch un newydd yn ei le: mae'r hen un yn peidio â gweithio ar unwaith.
calendar-none = Nid oes gennych gyfeiriad calendr eto.
calendar-replace = Rhoi cyfeiriad newydd yn lle cyfeiriad eich calendr
calendar-get = Cael cyfeiriad calendr
calendar-turn-off = Ei ddiffodd
calendar-turned-off = Nid yw cyfeiriad eich calendr yn gweithio mwyach.
calendar-feed-name = Terfynau amser anghydfodau

## Baneri'r dudalen fewngofnodi, a pham y gwrthodwyd mewngofnodi drwy sefydliad.

login-signed-out = Rydych wedi allgofnodi.
login-password-set = Mae eich cyfrinair newydd wedi'i osod, ac rydych wedi cael eich allgofnodi ym mhob man. Mewngofnodwch ag ef.
login-your-organisation = Eich sefydliad
# I'w wirio: enw'r darparwr ar ôl colon, fel nad yw'n treiglo.
login-oidc-unreachable = Ni ellir cyrraedd y gwasanaeth mewngofnodi ar hyn o bryd: { $provider }. Rhowch gynnig arall arni ymhen ychydig funudau, neu mewngofnodwch gyda'ch cyfeiriad e-bost a'ch cyfrinair
login-oidc-not-started-here = Ni ddechreuodd y mewngofnodi hwnnw yn y porwr hwn, neu cymerodd fwy na deng munud. Dechreuwch eto
login-oidc-refused = Ni wnaeth gwasanaeth mewngofnodi eich sefydliad eich mewngofnodi. Dechreuwch eto, neu mewngofnodwch gyda'ch cyfeiriad e-bost a'ch cyfrinair
login-oidc-unchecked = Nid oedd modd ymddiried yn yr ateb gan wasanaeth mewngofnodi eich sefydliad, felly ni chawsoch eich mewngofnodi. Dechreuwch eto; os bydd yn digwydd eto, dywedwch wrth hwylusydd y Compact
login-oidc-unverified = Ni wnaeth gwasanaeth mewngofnodi eich sefydliad gadarnhau eich cyfeiriad e-bost, felly ni all eich mewngofnodi yma. Mewngofnodwch gyda'ch cyfeiriad e-bost a'ch cyfrinair
login-oidc-no-account = Nid oes cyfrif yma ar gyfer y cyfeiriad y gwnaeth eich sefydliad eich mewngofnodi ag ef. Gofynnwch i hwylusydd y Compact am un
