## The form for a step on a case. Each field of each action is named
## "action-{action}-{field}", with "-hint" for what the form says under it and, for a choice,
## "-choose" for what to say when it is left out.

action-back = Yn ôl i'r achos
action-cancel = Canslo
action-conflict = Rydych yn gweithio i sefydliad sy'n un o bartïon yr achos hwn ({ $organisation }). Os byddwch yn parhau, bydd yr achos yn cofnodi eich bod wedi cymryd y cam hwn tra oeddech yn gweithio i un o'r partïon, a bydd pawb ar yr achos yn gallu gweld hynny.
action-stale = Mae rhywun arall wedi gweithredu ar yr achos hwn ers i chi agor y dudalen hon. Gwiriwch yr achos, yna rhowch gynnig arall arni.
# I'w wirio: "llinell amser" am "timeline"; "Beth sydd wedi digwydd" yw pennawd yr adran honno ar dudalen yr achos.
action-note = Nodyn ar gyfer y llinell amser (dewisol)
action-note-hint = Gall pawb sy'n gallu gweld yr achos ei ddarllen.
action-note-named = Y nodyn
# The note's question when the answers are checked before a step that cannot be undone.
action-note-question = Nodyn ar gyfer y llinell amser
action-every-deadline = Pob terfyn amser sy'n rhedeg
# A running deadline to choose: $what is what it asks ("acknowledge the disagreement").
action-deadline-choice = { $what } (erbyn { $date })
action-panel-members = Pwy sy'n eistedd ar y panel
action-panel-members-hint = Aelodau o'r Is-grŵp Datrys Anghydfodau, gyda chynifer o'r sector gwirfoddol a chymunedol ag o asiantaethau gwasanaeth cyhoeddus, a neb o'r naill sefydliad na'r llall yn yr achos.
action-panel-members-choose = Dewiswch pwy sy'n eistedd ar y panel
action-panel-chair = Pwy sy'n cadeirio'r panel
action-panel-chair-hint = Un o'r aelodau a ddewiswyd uchod.
action-panel-chair-choose = Dewiswch pwy sy'n cadeirio'r panel
action-recommendation = Argymhelliad { $row }
action-recommendation-text = Beth y dylid ei wneud
action-recommendation-owner = Gan ba sefydliad
action-recommendation-due = Erbyn pryd
action-recommendation-text-named = Yr hyn y dylid ei wneud yn ôl argymhelliad { $row }
action-recommendation-owner-named = Y sefydliad y mae argymhelliad { $row } ar ei gyfer
action-recommendation-owner-choose = Dewiswch y sefydliad y mae argymhelliad { $row } ar ei gyfer
action-recommendation-due-named = Y dyddiad dyledus ar gyfer argymhelliad { $row }
action-recommendation-named = Argymhelliad
# A recommendation as the answers are checked: what, for whom, by when.
action-recommendation-line = { $text } Ar gyfer: { $organisation }. Erbyn: { $date }.
action-recommendations-none = Dim
action-panel-chair-line = { $name } (cadeirydd)

action-escalate-reason = Eich rheswm
action-escalate-reason-hint = Pam nad yw siarad wedi'i ddatrys. Mae angen hwn unwaith y bydd y ddeialog wedi dechrau.
action-propose_resolution-terms = Y telerau rydych yn eu cynnig
action-propose_resolution-terms-hint = Beth fyddai pob sefydliad yn ei wneud, ac erbyn pryd.
action-reject_resolution-reason = Eich rheswm
action-reject_resolution-reason-hint = Beth yn y telerau na allwch ei dderbyn.
action-return_to_informal-reason = Eich rheswm
action-return_to_informal-reason-hint = Bydd y ddau sefydliad yn darllen hwn.
action-decline_formal-reason = Eich rheswm
action-decline_formal-reason-hint = Bydd y ddau sefydliad yn darllen hwn.
action-convene_panel-panel = Pwy sy'n eistedd ar y panel
action-submit_response-body = Eich ymateb ysgrifenedig
action-submit_response-body-hint = Ateb eich sefydliad i'r gŵyn.
action-issue_decision-outcome = Canfyddiad y panel
action-issue_decision-outcome-choose = Dewiswch ganfyddiad y panel
action-issue_decision-findings = Rhesymau'r panel
action-issue_decision-findings-hint = Beth a ganfu'r panel, a pham.
action-issue_decision-recommendations = Argymhellion
action-issue_decision-recommendations-hint = Beth mae'r panel yn ei argymell, i bwy, ac erbyn pryd. Gadewch res yn wag os oes llai o argymhellion.
action-appeal-grounds = Eich seiliau dros apelio
action-appeal-grounds-hint = Pam y dylid edrych ar y penderfyniad eto.
action-send_reminder-deadline = Pa derfyn amser
action-send_reminder-deadline-choose = Dewiswch pa derfyn amser
action-send_overdue_notice-deadline = Pa derfyn amser
action-send_overdue_notice-deadline-choose = Dewiswch pa derfyn amser
action-convene_appeal_panel-panel = Pwy sy'n eistedd ar y panel
action-dismiss_appeal-reason = Eich rheswm
action-dismiss_appeal-reason-hint = Bydd y ddau sefydliad yn darllen hwn.
# I'w wirio: "Penderfyniad yr apêl" (fel ar dudalen yr achos) yn lle cyfieithiad llythrennol o "What the appeal decided".
action-decide_appeal-result = Penderfyniad yr apêl
action-decide_appeal-result-choose = Dewiswch benderfyniad yr apêl
action-decide_appeal-outcome = Y canfyddiad newydd
action-decide_appeal-outcome-hint = Dim ond pan gaiff y penderfyniad ei amrywio neu ei wrthdroi.
action-decide_appeal-outcome-choose = Dewiswch y canfyddiad newydd
action-decide_appeal-reasons = Rhesymau'r panel apêl
action-withdraw-reason = Eich rheswm
action-withdraw-reason-hint = Dim ond y bobl ar yr achos fydd yn darllen hwn.
action-pause-reason = Eich rheswm
action-pause-reason-hint = Er enghraifft: aros am gyfryngu.
action-extend_deadline-working_days = Diwrnodau gwaith i'w hychwanegu
action-extend_deadline-working_days-hint = 20 ar y mwyaf ym mhob cam.
action-extend_deadline-deadline = Pa derfyn amser
action-extend_deadline-deadline-choose = Dewiswch pa derfyn amser
action-extend_deadline-reason = Eich rheswm
action-extend_deadline-reason-hint = Bydd y ddau sefydliad yn darllen hwn.
action-refer_externally-to = I ble i'w gyfeirio
action-refer_externally-to-choose = Dewiswch i ble i'w gyfeirio
action-refer_externally-reason = Eich rheswm
action-record_lessons-lessons = Gwersi a ddysgwyd
action-record_lessons-lessons-hint = Beth ddylai eraill ei ddysgu o'r achos hwn? Peidiwch â chynnwys unrhyw beth a allai ddangos pwy yw'r sefydliadau.
action-mark_recommendation-recommendation = Pa argymhelliad
action-mark_recommendation-status = Beth a ddaeth ohono
action-mark_recommendation-status-choose = Dewiswch beth a ddaeth ohono

## Yr hyn y mae panel arfaethedig yn ei dorri, gan enwi'r aelod ($name) lle mae'r rheol am un

panel-breach-too-few = Mae angen o leiaf ddau aelod ar banel; mae gan hwn { $count }.
panel-breach-twice = Mae { $name } wedi'i restru fwy nag unwaith.
panel-breach-not-subgroup = Nid yw { $name } yn aelod o'r Is-grŵp Datrys Anghydfodau.
panel-breach-works-for-raiser = Mae { $name } yn gweithio i'r sefydliad a gododd yr anghytundeb.
panel-breach-works-for-respondent = Mae { $name } yn gweithio i'r sefydliad yr oedd yr anghytundeb ag ef.
panel-breach-sat-before = Roedd { $name } ar y panel ffurfiol; mae angen panel newydd ar gyfer apêl.
# I'w wirio: "y sector gwirfoddol a chymunedol" ac "asiantaethau gwasanaeth cyhoeddus", fel yn words.ftl.
panel-breach-unbalanced = Mae angen cynifer o aelodau o'r sector gwirfoddol a chymunedol ag o asiantaethau gwasanaeth cyhoeddus ar banel; mae gan hwn { $vcs } a { $psa }.
panel-breach-chair = Rhaid i'r cadeirydd ({ $name }) fod yn un o aelodau'r panel.
