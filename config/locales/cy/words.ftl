## Enwau'r llif gwaith fel y mae person yn eu darllen: cyflyrau, camau, egwyddorion, gwerthoedd
## ei restrau, camau gweithredu a therfynau amser. Enwau'r API yw'r allweddi o hyd.

## Cyflyrau

state-raised = Yn aros am gydnabyddiaeth
state-in_dialogue = Mewn deialog
state-resolution_proposed = Telerau wedi'u cynnig
state-submitted = Cwyn ffurfiol wedi'i chyflwyno
state-awaiting_panel = Yn aros am banel
state-under_review = Gyda'r panel
state-decided = Penderfynwyd: cyfnod apelio ar agor
state-appeal_lodged = Apêl wedi'i chyflwyno
state-appeal_under_review = Gyda'r panel apêl
state-paused = Wedi'i oedi
state-closed = Ar gau
state-unknown = Anhysbys

## Camau, o fewn brawddeg

stage-phrase-informal = y cam anffurfiol
stage-phrase-formal = y cam ffurfiol
stage-phrase-appeal = y cam apêl
stage-phrase-closed = y diwedd

## Egwyddorion y Compact

principle-notice = Rhybudd o dri mis cyn newid i gyllid neu gymorth
principle-consultation = Ymgynghoriad ysgrifenedig o ddeuddeg wythnos
principle-funding_and_procurement = Cyllid a chaffael
principle-full_cost_recovery = Adennill costau llawn
principle-independence = Annibyniaeth, gan gynnwys yr hawl i ymgyrchu
principle-partnership = Gweithio mewn partneriaeth
principle-volunteering = Gwirfoddoli
principle-community_groups = Grwpiau cymunedol
# I'w wirio: y term a ddefnyddir gan Lywodraeth Cymru.
principle-bme_groups = Grwpiau pobl dduon a lleiafrifoedd ethnig
principle-equality = Cydraddoldeb
principle-information_sharing = Rhannu gwybodaeth
principle-other = Ymrwymiad neu god ymarfer arall

## Gwerthoedd rhestrau'r llif gwaith (ffurfiau amhersonol, fel nad yw cenedl enw'n cyfrif)

choice-resolved_informally = Wedi'i ddatrys yn anffurfiol
choice-withdrawn = Wedi'i dynnu'n ôl
choice-not_accepted = Heb ei dderbyn ar gyfer y cam ffurfiol
choice-upheld = Cadarnhawyd
choice-partly_upheld = Cadarnhawyd yn rhannol
choice-not_upheld = Ni chadarnhawyd
choice-referred_externally = Cyfeiriwyd y tu allan i'r Compact
choice-decision_confirmed = Cadarnheir y penderfyniad
choice-decision_varied = Amrywir y penderfyniad
choice-decision_overturned = Gwrthdroir y penderfyniad
choice-mediation = Cyfryngu annibynnol
choice-regional_panel = Panel rhanbarthol y Compact
choice-ombudsman = Ombwdsmon
# Enw corff: heb ei gyfieithu.
choice-compact_advocacy = Compact Advocacy
choice-vcs = Y sector gwirfoddol a chymunedol
choice-psa = Asiantaeth gwasanaeth cyhoeddus
choice-open = Yn dal ar agor
choice-implemented = Wedi'i weithredu
choice-not_implemented = Heb ei weithredu
choice-running = Yn rhedeg
choice-met = Wedi'i fodloni mewn pryd
choice-late = Wedi'i fodloni'n hwyr
choice-missed = Wedi'i fethu
choice-cancelled = Dim angen mwyach
choice-expired = Wedi cau heb ei ddefnyddio
choice-informal = Anffurfiol
choice-formal = Ffurfiol
choice-appeal = Apêl
choice-closed = Ar gau

## Terfynau amser: yr hyn sy'n ddyledus, ar ôl enw a cholon (heb "i" o'i flaen, sy'n treiglo)

deadline-acknowledgement = cydnabod yr anghytundeb
deadline-informal_resolution = datrys yr anghytundeb yn anffurfiol
deadline-formal_acceptance = derbyn, dychwelyd neu wrthod y gŵyn ffurfiol
deadline-written_response = anfon ymateb ysgrifenedig at y panel
deadline-formal_decision = cyhoeddi penderfyniad y panel
deadline-appeal_window = apelio yn erbyn y penderfyniad, os yw'r naill barti neu'r llall am wneud hynny
deadline-appeal_panel = cynnull panel apêl
deadline-appeal_decision = cyhoeddi penderfyniad y panel apêl

## Pwy sy'n gyfrifol am derfyn amser, lle nad sefydliad ydyw

owed-subgroup_chair = cadeirydd yr Is-grŵp Datrys Anghydfodau
owed-panel_chair = cadeirydd y panel
owed-appeal_panel_chair = cadeirydd y panel apêl

## Person yn gweithredu ar ran sefydliad (cromfachau, nid "o", sy'n treiglo enw'r sefydliad)

person-of-organisation = { $person } ({ $organisation })
the-service = gwasanaeth anghydfodau'r Compact

## Yr hyn a wnaeth pob cam gweithredu, fel brawddeg am bwy a'i gwnaeth ($who), ac mewn ychydig eiriau.
## "Mae ... wedi" fel nad yw'r enw'n treiglo.

done-raised = Mae { $who } wedi codi anghytundeb.
done-acknowledge = Mae { $who } wedi cydnabod yr anghytundeb.
done-escalate = Mae { $who } wedi mynd â'r anghytundeb i'r cam ffurfiol.
done-propose_resolution = Mae { $who } wedi cynnig telerau i'w ddatrys.
done-accept_resolution = Mae { $who } wedi derbyn y telerau a gynigiwyd, gan ei ddatrys.
done-reject_resolution = Nid yw { $who } wedi derbyn y telerau a gynigiwyd.
done-accept_formal = Mae { $who } wedi derbyn y gŵyn ffurfiol ar gyfer yr Is-grŵp Datrys Anghydfodau.
done-return_to_informal = Mae { $who } wedi dychwelyd yr achos i'r cam anffurfiol.
done-decline_formal = Mae { $who } wedi gwrthod y gŵyn ffurfiol.
done-convene_panel = Mae { $who } wedi cynnull y panel.
done-submit_response = Mae { $who } wedi anfon ymateb ysgrifenedig at y panel.
done-issue_decision = Mae { $who } wedi cyhoeddi penderfyniad y panel.
done-appeal = Mae { $who } wedi apelio yn erbyn y penderfyniad.
done-accept_decision = Mae { $who } wedi derbyn y penderfyniad.
done-lapse_appeal_window = Mae { $who } wedi cau'r achos: daeth y cyfnod apelio i ben heb apêl, felly mae'r penderfyniad yn sefyll.
done-convene_appeal_panel = Mae { $who } wedi cynnull y panel apêl.
done-dismiss_appeal = Mae { $who } wedi gwrthod yr apêl.
done-decide_appeal = Mae { $who } wedi penderfynu ar yr apêl.
done-withdraw = Mae { $who } wedi tynnu'r anghytundeb yn ôl.
done-pause = Mae { $who } wedi oedi'r achos; mae ei derfynau amser yn aros nes iddo ailddechrau.
done-resume = Mae { $who } wedi ailddechrau'r achos; mae ei derfynau amser wedi symud ymlaen.
done-extend_deadline = Mae { $who } wedi rhoi mwy o amser.
done-refer_externally = Mae { $who } wedi cyfeirio'r achos y tu allan i broses y Compact.
done-record_lessons = Mae { $who } wedi cofnodi gwersi a ddysgwyd.
done-refer_case_study = Mae { $who } wedi cyfeirio'r achos fel astudiaeth achos.
done-mark_recommendation = Mae { $who } wedi nodi argymhelliad.
done-send_reminder = Mae { $who } wedi anfon nodyn atgoffa.
# I'w wirio: "hysbysiad hwyr" am "overdue notice".
done-send_overdue_notice = Mae { $who } wedi anfon hysbysiad hwyr.

short-raised = codwyd
short-acknowledge = cydnabuwyd
short-escalate = uwchgyfeiriwyd
short-propose_resolution = cynigiwyd datrysiad
short-accept_resolution = datryswyd
short-reject_resolution = gwrthodwyd y telerau
short-accept_formal = derbyniwyd
short-return_to_informal = dychwelwyd i'r cam anffurfiol
short-decline_formal = gwrthodwyd
short-convene_panel = cynullwyd panel
short-submit_response = anfonwyd ymateb
short-issue_decision = cyhoeddwyd penderfyniad
short-appeal = apeliwyd
short-accept_decision = derbyniwyd y penderfyniad
short-lapse_appeal_window = mae'r penderfyniad yn sefyll
short-convene_appeal_panel = cynullwyd panel apêl
short-dismiss_appeal = gwrthodwyd yr apêl
short-decide_appeal = penderfynwyd ar yr apêl
short-withdraw = tynnwyd yn ôl
short-pause = oedwyd
short-resume = ailddechreuwyd
short-extend_deadline = estynnwyd terfyn amser
short-refer_externally = cyfeiriwyd
short-record_lessons = cofnodwyd gwersi
short-refer_case_study = astudiaeth achos
short-mark_recommendation = nodwyd argymhelliad
short-send_reminder = nodyn atgoffa
short-send_overdue_notice = hwyr

## Cyfrif. Ar ôl rhifolyn mae'r enw'n unigol; mae "dau" yn treiglo'n feddal (2 ddiwrnod).

count-files = { $count } ffeil
count-messages = { $count } neges
count-cases = { $count } achos
count-working-days = { $count ->
    [two] { $count } ddiwrnod gwaith
   *[other] { $count } diwrnod gwaith
}
# Eitem olaf rhestr ar ôl y gweddill ($items, wedi'u gwahanu gan atalnodau): "a" o flaen
# cytsain, "ac" o flaen llafariad.
list-and = { $items } a { $last }
list-and-vowel = { $items } ac { $last }

## Enw pob cam gweithredu, ar ei fotwm a'i dudalen, a'r hyn y mae'n ei wneud, mewn brawddeg

action-acknowledge = Cydnabod yr anghytundeb
action-acknowledge-hint = Dywedwch eich bod wedi'i dderbyn. Mae'r cam anffurfiol yn dechrau: mae'r ddau sefydliad yn ceisio ei ddatrys gyda'i gilydd.
action-escalate = Mynd ag ef i'r cam ffurfiol
action-escalate-hint = Gofyn i'r Is-grŵp Datrys Anghydfodau edrych arno, gan nad yw siarad wedi'i ddatrys.
action-propose_resolution = Cynnig telerau i'w ddatrys
action-propose_resolution-hint = Nodwch yr hyn y byddech yn cytuno iddo. Mae'r sefydliad arall yn eu derbyn neu'n eu gwrthod.
action-accept_resolution = Derbyn y telerau a gynigiwyd
action-accept_resolution-hint = Caiff yr anghytundeb ei ddatrys ar y telerau hyn ac mae'r achos yn cau.
action-reject_resolution = Gwrthod y telerau a gynigiwyd
action-reject_resolution-hint = Dywedwch pam. Mae'r ddeialog yn parhau.
action-accept_formal = Derbyn y gŵyn ffurfiol
action-accept_formal-hint = Bydd yr is-grŵp yn cynnull panel i benderfynu arni.
action-return_to_informal = Ei dychwelyd i'r cam anffurfiol
action-return_to_informal-hint = Nid yw'r sefydliadau wedi gwir geisio ei ddatrys rhyngddynt eto.
action-decline_formal = Gwrthod y gŵyn ffurfiol
action-decline_formal-hint = Nid yw'n fater i'r Compact, neu mae'n rhy hwyr. Mae'r achos yn cau.
action-convene_panel = Cynnull y panel
action-convene_panel-hint = Dewiswch aelodau o'r is-grŵp, yr un nifer o bob sector, neb o'r naill sefydliad na'r llall, ac un ohonynt i gadeirio.
action-submit_response = Anfon eich ymateb ysgrifenedig at y panel
action-submit_response-hint = Ateb eich sefydliad i'r gŵyn, i'r panel ei ystyried.
action-issue_decision = Cyhoeddi penderfyniad y panel
action-issue_decision-hint = Cofnodwch y canfyddiad, y rhesymau ac unrhyw argymhellion. Yna gall y naill sefydliad neu'r llall apelio.
action-appeal = Apelio yn erbyn y penderfyniad
action-appeal-hint = Rhowch eich seiliau. Bydd panel apêl o aelodau gwahanol yn edrych arno.
action-accept_decision = Derbyn y penderfyniad
action-accept_decision-hint = Pan fydd y ddau sefydliad yn ei dderbyn, mae'r achos yn cau.
action-convene_appeal_panel = Cynnull y panel apêl
action-convene_appeal_panel-hint = Dewiswch aelodau o'r is-grŵp nad oeddent ar y panel ffurfiol.
action-dismiss_appeal = Gwrthod yr apêl
action-dismiss_appeal-hint = Mae'n rhy hwyr neu nid oes seiliau iddi. Mae penderfyniad y panel yn sefyll.
action-decide_appeal = Penderfynu ar yr apêl
action-decide_appeal-hint = Mae penderfyniad y panel apêl yn derfynol ac yn cau'r achos.
action-withdraw = Tynnu'r anghytundeb yn ôl
action-withdraw-hint = Mae'r achos yn cau. Nid yw tynnu'n ôl byth yn cyfrif yn erbyn eich sefydliad.
action-pause = Oedi'r achos
action-pause-hint = Mae pob terfyn amser yn aros nes i'r achos ailddechrau, ar gyfer cyfryngu neu broses arall.
action-resume = Ailddechrau'r achos
action-resume-hint = Mae terfynau amser sy'n rhedeg yn symud ymlaen yn ôl y diwrnodau gwaith y parhaodd yr oedi.
action-extend_deadline = Rhoi mwy o amser
action-extend_deadline-hint = Ychwanegu diwrnodau gwaith at derfyn amser sy'n rhedeg: 20 ar y mwyaf ym mhob cam.
action-refer_externally = Ei gyfeirio y tu allan i'r Compact
action-refer_externally-hint = Trosglwyddo'r achos i gorff arall. Mae'r achos yn cau.
action-record_lessons = Cofnodi gwersi a ddysgwyd
action-record_lessons-hint = Ar gyfer yr adolygiad blynyddol. Mae manylion yr achos yn aros yn gyfrinachol.
action-refer_case_study = Ei gyfeirio fel astudiaeth achos
action-refer_case_study-hint = Ei gynnig i'r Grŵp Llywio fel astudiaeth achos ddienw.
action-mark_recommendation = Nodi argymhelliad
action-mark_recommendation-hint = Cofnodi a gafodd argymhelliad ei weithredu.
action-lapse_appeal_window = Cau: dim apêl
action-lapse_appeal_window-hint = Wedi'i wneud gan y gwasanaeth.
action-send_reminder = Anfon nodyn atgoffa
action-send_reminder-hint = Wedi'i wneud gan y gwasanaeth.
action-send_overdue_notice = Anfon hysbysiad hwyr
action-send_overdue_notice-hint = Wedi'i wneud gan y gwasanaeth.
done-retention = Mae { $who } wedi dileu testun yr achos o dan y rheol cadw, { $years } o flynyddoedd ar ôl iddo gau.
done-erasure = Mae { $who } wedi dileu manylion person, a'u testun lle mae polisi'r Compact yn dweud hynny.

## Yr hyn rydych newydd ei wneud, ar gyfer y faner ar ôl cam gweithredu

you-did-acknowledge = Rydych wedi cydnabod yr anghytundeb.
you-did-escalate = Rydych wedi mynd â'r anghytundeb i'r cam ffurfiol.
you-did-propose_resolution = Rydych wedi cynnig telerau i'w ddatrys.
you-did-accept_resolution = Rydych wedi derbyn y telerau a gynigiwyd, gan ei ddatrys.
you-did-reject_resolution = Nid ydych wedi derbyn y telerau a gynigiwyd.
you-did-accept_formal = Rydych wedi derbyn y gŵyn ffurfiol ar gyfer yr Is-grŵp Datrys Anghydfodau.
you-did-return_to_informal = Rydych wedi dychwelyd yr achos i'r cam anffurfiol.
you-did-decline_formal = Rydych wedi gwrthod y gŵyn ffurfiol.
you-did-convene_panel = Rydych wedi cynnull y panel.
you-did-submit_response = Rydych wedi anfon ymateb ysgrifenedig at y panel.
you-did-issue_decision = Rydych wedi cyhoeddi penderfyniad y panel.
you-did-appeal = Rydych wedi apelio yn erbyn y penderfyniad.
you-did-accept_decision = Rydych wedi derbyn y penderfyniad.
you-did-lapse_appeal_window = Rydych wedi cau'r achos: daeth y cyfnod apelio i ben heb apêl, felly mae'r penderfyniad yn sefyll.
you-did-convene_appeal_panel = Rydych wedi cynnull y panel apêl.
you-did-dismiss_appeal = Rydych wedi gwrthod yr apêl.
you-did-decide_appeal = Rydych wedi penderfynu ar yr apêl.
you-did-withdraw = Rydych wedi tynnu'r anghytundeb yn ôl.
you-did-pause = Rydych wedi oedi'r achos; mae ei derfynau amser yn aros nes iddo ailddechrau.
you-did-resume = Rydych wedi ailddechrau'r achos; mae ei derfynau amser wedi symud ymlaen.
you-did-extend_deadline = Rydych wedi rhoi mwy o amser.
you-did-refer_externally = Rydych wedi cyfeirio'r achos y tu allan i broses y Compact.
you-did-record_lessons = Rydych wedi cofnodi gwersi a ddysgwyd.
you-did-refer_case_study = Rydych wedi cyfeirio'r achos fel astudiaeth achos.
you-did-mark_recommendation = Rydych wedi nodi argymhelliad.
you-did-send_reminder = Rydych wedi anfon nodyn atgoffa.
you-did-send_overdue_notice = Rydych wedi anfon hysbysiad hwyr.

## Y ffeiliau y mae achos yn eu derbyn

files-accepted = PDF, Word, Excel, OpenDocument, testun cyfoethog, testun, CSV, lluniau PNG, JPEG neu GIF, ac e-byst (.eml, .msg)
files-refused-extension = ni dderbynnir ffeiliau sy'n gorffen gyda .{ $extension }: anfonwch { files-accepted }
files-refused-no-extension = ni dderbynnir ffeiliau heb estyniad: anfonwch { files-accepted }

## Colofnau CSV. Yn Saesneg, enwau'r API ydynt (i raglenni); yn Gymraeg, geiriau i bobl.
## Mae'r gwerthoedd yn aros yn enwau'r API yn y naill iaith neu'r llall.

csv-reference = Cyfeirnod
csv-title = Teitl
csv-raised_on = Dyddiad ei godi
csv-raising_organisation = Y sefydliad a'i cododd
csv-respondent_organisation = Y sefydliad yr oedd gydag ef
csv-stage = Cam
csv-state = Sefyllfa
csv-outcome = Canlyniad
csv-next_deadline = Terfyn amser nesaf
csv-next_due_on = Dyddiad y terfyn amser nesaf
csv-overdue = Yn hwyr
csv-organisation = Sefydliad
csv-recommendation = Argymhelliad
csv-due_on = Dyddiad dyledus
csv-status = Statws
csv-marked_on = Dyddiad ei nodi
csv-dimension = Dimensiwn
csv-key = Gwerth
csv-count = Nifer

## Sut y cyfrifwyd terfyn amser, a sut y symudodd ers hynny (dyddiadau ar ôl "ar ôl",
## "erbyn" a cholon, nad ydynt yn treiglo)

deadline-counted = { $counted } ar ôl { $start }
deadline-counted-halved = { $counted } ar ôl { $start } (wedi'i haneru o { $allowed } am fod yr achos yn un brys)
deadline-no-holidays = dim gwyliau banc yn y cyfamser
deadline-skipping = gan hepgor { $holidays }
deadline-holiday = { $name } ({ $date })
deadline-holiday-substitute = { $name } ({ $date }, diwrnod yn lle gŵyl ar benwythnos)
deadline-explained = { $counted }; { $holidays }: erbyn { $date }.
# I'w wirio: y dyddiadau mewn cromfachau neu ar ôl colon, fel nad ydynt yn treiglo.
deadline-extended = Estynnwyd { $counted } ({ $on }). Y dyddiad newydd: { $to }.
deadline-paused = Symudwyd { $counted } ymlaen oherwydd saib (daeth i ben: { $on }). Y dyddiad newydd: { $to }.
deadline-estimated = Amcangyfrifwyd gwyliau banc nad ydynt wedi'u cyhoeddi eto, felly gall y dyddiad symud os cyhoeddir un.

## Gwyliau banc wrth eu henwau, fel y mae GOV.UK yn eu rhoi yn Gymraeg

holiday-new-years-day = Dydd Calan
holiday-2nd-january = 2 Ionawr
holiday-good-friday = Dydd Gwener y Groglith
holiday-easter-monday = Dydd Llun y Pasg
holiday-early-may-bank-holiday = Gŵyl banc dechrau mis Mai
holiday-early-may-bank-holiday-ve-day = Gŵyl banc dechrau mis Mai (Diwrnod VE)
holiday-spring-bank-holiday = Gŵyl banc y gwanwyn
holiday-summer-bank-holiday = Gŵyl banc yr haf
holiday-christmas-day = Dydd Nadolig
holiday-boxing-day = Gŵyl San Steffan
holiday-st-andrews-day = Dydd Gŵyl Sant Andreas
holiday-st-patricks-day = Dydd Gŵyl Sant Padrig
# I'w wirio: enw GOV.UK yn Gymraeg.
holiday-battle-of-the-boyne-orangemens-day = Brwydr y Boyne (Diwrnod yr Orenwyr)
holiday-queens-diamond-jubilee = Jiwbilî Ddiemwnt y Frenhines
holiday-platinum-jubilee-bank-holiday = Gŵyl banc Jiwbilî Platinwm
holiday-bank-holiday-for-the-coronation-of-king-charles-iii = Gŵyl banc ar gyfer coroni'r Brenin Charles III
holiday-bank-holiday-for-the-state-funeral-of-queen-elizabeth-ii = Gŵyl banc ar gyfer Angladd Gwladol y Frenhines Elizabeth II
# I'w wirio: enw GOV.UK yn Gymraeg.
holiday-bank-holiday-for-scotlands-participation-in-the-fifa-world-cup = Gŵyl banc ar gyfer cyfranogiad yr Alban yng Nghwpan y Byd FIFA

## Grwpiau o sefydliadau, fel y mae ffurfweddiad y Compact yn eu henwi (yn Saesneg).

grouping-local-government = Llywodraeth Leol
grouping-health-and-social-care = Iechyd a Gofal Cymdeithasol
grouping-education-fe-and-he = Addysg (AB ac AU)
grouping-police-uniformed-and-legal = Yr Heddlu, Gwasanaethau mewn Lifrai a Gwasanaethau Cyfreithiol
grouping-defence-armed-forces = Amddiffyn / Y Lluoedd Arfog
grouping-children-and-young-people = Plant a Phobl Ifanc
grouping-voluntary-and-community = Gwirfoddol a Chymunedol
grouping-trade-unions = Undebau Llafur
grouping-partnership = Partneriaeth
grouping-private-sector = Y Sector Preifat
grouping-unclassified = Heb ei ddosbarthu
