## E-byst. Mae pob e-bost yn cyfarch ei ddarllenydd, yn dweud beth ddigwyddodd yng ngeiriau'r
## gwasanaeth ei hun, ac yn cysylltu â thudalen yr achos: nid yw testun yr achos byth yn gadael
## mewn e-bost.

email-dear = Annwyl { $recipient },
email-case = Achos
email-now = Statws
email-see-case = Gweld yr achos
email-what-next = Beth sy'n digwydd nesaf
# Un cam sy'n ddyledus. Colon ar ôl $who, fel nad oes treiglad ar ôl "i".
email-step = { $who }: { $what } erbyn { $due }.
email-letter = Y llythyr penderfyniad (PDF)
email-what-you-can-do = Beth allwch chi ei wneud nesaf
email-replies = Gallwch ateb yr e-bost hwn: caiff yr hyn a ysgrifennwch, ac unrhyw ffeiliau a atodwch, eu hychwanegu at yr achos fel neges.
email-footer-case = Rydych yn cael yr e-bost hwn oherwydd eich bod yn ymwneud ag achos { $reference } ({ $compact }). Mae manylion yr achos ar dudalen yr achos; nid yw e-byst byth yn eu cario.
email-state-open = { $state } (yn { $stage })
email-state-closed = Ar gau: { $outcome }
email-state-paused = Wedi'i oedi yn { $stage }; bydd yn ailddechrau: { $state }

email-subject-transition = { $reference }: { $summary } - { $title }
email-subject-reminder = { $reference }: nodyn atgoffa - { $what } erbyn { $due }
email-subject-overdue = { $reference }: hwyr - { $what }, i fod erbyn { $due }

email-reminder = Nodyn atgoffa: { $who }: { $what } erbyn { $due }.
email-overdue = Yn hwyr: { $who }: { $what } erbyn { $due }, ac nid yw wedi'i wneud.
email-overdue-told = Mae cadeirydd yr is-grŵp a'r hwylusydd wedi cael gwybod hefyd. Os oes angen mwy o amser, gallant estyn y terfyn amser.

## Newyddion am negeseuon a ffeiliau

news-added = Mae { $who } wedi ychwanegu { $what } at yr achos.
news-messages = { $count ->
    [one] neges
   *[other] { $count } neges
}
news-files = { $count ->
    [one] ffeil
   *[other] { $count } ffeil
}
news-panel-all = Maen nhw ar gyfer y panel yn unig.
news-panel-some = { $count ->
    [one] Mae un ar gyfer y panel yn unig.
   *[other] Mae { $count } ar gyfer y panel yn unig.
}
news-summary-messages = negeseuon newydd
news-summary-files = ffeiliau newydd
news-summary-both = negeseuon a ffeiliau newydd
news-read = Eu darllen ar dudalen yr achos
news-gathered = Caiff newyddion am negeseuon a ffeiliau eu casglu ynghyd, fel mai dim ond un e-bost o'r fath am achos a gewch mewn ychydig. Nid yw e-byst byth yn cario'r hyn y mae'r negeseuon yn ei ddweud na beth yw'r ffeiliau.
news-footer = Rydych yn cael yr e-bost hwn oherwydd eich bod yn gallu darllen yr hyn a ychwanegir at achos { $reference } ({ $compact }).

## E-byst am gyfrif person ei hun

account-subject-password_reset = Gosod cyfrinair newydd ar gyfer anghydfodau { $compact }
account-subject-password_changed = Newidiwyd eich cyfrinair ar gyfer anghydfodau { $compact }
account-subject-second_factor_added = Mae ap dilysu bellach yn gwarchod eich cyfrif anghydfodau { $compact }
account-subject-second_factor_removed = Tynnwyd yr ap dilysu oddi ar eich cyfrif anghydfodau { $compact }
account-subject-token_created = Gwnaed tocyn API ar gyfer eich cyfrif anghydfodau { $compact }
account-reset-ask = Gofynnodd rhywun, chi gobeithio, am gael gosod cyfrinair newydd ar gyfer eich cyfrif. I ddewis un, defnyddiwch y ddolen hon o fewn { $minutes } munud:
account-reset-link = Gosod cyfrinair newydd
account-reset-once = Dim ond unwaith y mae'r ddolen yn gweithio. Os na wnaethoch chi ofyn, gallwch anwybyddu'r e-bost hwn: bydd eich cyfrinair yn aros fel y mae.
account-changed = Newidiwyd eich cyfrinair gyda dolen ailosod, ac rydych wedi cael eich allgofnodi ym mhob man yr oeddech wedi mewngofnodi.
account-tell = Os na wnaethoch chi hyn, rhowch wybod i hwylusydd y Compact ar unwaith.
account-added = Gosodwyd ap dilysu ar eich cyfrif.
account-added-more = O hyn ymlaen, bydd mewngofnodi gyda'ch cyfrinair hefyd yn gofyn am god ohono.
# Colon o flaen yr enw, fel nad yw "gan" yn ei dreiglo.
account-removed = Tynnwyd yr ap dilysu oddi ar eich cyfrif. Pwy a'i tynnodd: { $by }.
account-removed-more = Os oes angen un ar eich rôl, gofynnir i chi osod un newydd y tro nesaf y byddwch yn mewngofnodi.
account-tell-unexpected = Os nad oeddech yn disgwyl hyn, rhowch wybod i hwylusydd y Compact ar unwaith.
account-token = Gwnaed tocyn API o'r enw “{ $name }” ar gyfer eich cyfrif.
account-token-more = Gall rhaglenni sy'n ei ddal weithredu ar eich rhan nes iddo ddod i ben neu gael ei ddirymu.
account-token-tell = Os na wnaethoch chi hyn, dirymwch ef ar dudalen eich cyfrif a rhowch wybod i hwylusydd y Compact.
account-your-account = Eich cyfrif
account-footer = Rydych yn cael yr e-bost hwn oherwydd ei fod yn ymwneud â'ch cyfrif eich hun ({ $compact }).

## Atebion i e-byst a dderbyniwyd

reply-subject-recorded = Mae eich ateb ar achos { $reference }
reply-subject-refused = Ni ychwanegwyd eich e-bost at achos { $reference }
reply-subject-refused-anywhere = Ni ychwanegwyd eich e-bost at achos
reply-recorded = Mae eich e-bost “{ $subject }” bellach ar achos { $reference }, gydag unrhyw ffeiliau oedd ynddo.
reply-panel-only = Mae ar gyfer y panel yn unig: gall panel cam yr achos, cadeirydd yr is-grŵp a'r hwylusydd ei ddarllen, ond ni all y partïon. Dyma'r dewis mwyaf preifat y gallwch ei wneud, fel nad oes dim a ysgrifennoch ar gyfer y panel yn cyrraedd parti drwy gamgymeriad.
reply-share = Ei agor i'w rannu â phawb ar yr achos
reply-everyone = Gall pawb ar yr achos ei ddarllen.
reply-see-it = Ei weld ar yr achos
# $reason: y rheswm yn Gymraeg (yn Saesneg i e-bost a wrthodwyd cyn i'r rhesymau gael eu cadw ym mhob iaith).
reply-refused = Ni ychwanegwyd eich e-bost “{ $subject }” at achos { $reference }. Y rheswm: { $reason }.
reply-refused-anywhere = Ni ychwanegwyd eich e-bost “{ $subject }” at unrhyw achos. Y rheswm: { $reason }.
reply-nothing = Nid oes dim ohono ar yr achos. Gall yr hwylusydd ei weld, a gall ei ychwanegu ar ôl gwirio. Os oes angen i chi ddweud rhywbeth ar yr achos, mewngofnodwch a'i ysgrifennu yno.
reply-sign-in = Mewngofnodi
reply-footer = Ateb awtomatig yw hwn i e-bost a anfonoch ({ $compact }). Ni chaiff atebion iddo eu darllen.

## Pam y gwrthodwyd ateb drwy e-bost, ar ôl "Y rheswm:" (mae'r hwylusydd yn ei ddarllen fel brawddeg).

reply-reason-unreadable = nid oedd modd ei ddarllen fel e-bost
reply-reason-no-longer = ni allwch ysgrifennu ar yr achos hwn mwyach
reply-reason-unauthenticated = ni allai ei weinydd e-bost ddangos ei fod wedi dod o'ch cyfeiriad chi
reply-reason-other-address = daeth o gyfeiriad heblaw'r un y rhoddwyd y cyfeiriad ateb hwn iddo
reply-reason-closed = mae'r achos ar gau
# I'w wirio
reply-reason-file-too-large = mae'r ffeil “{ $name }” yn fwy na'r { $limit } a ganiateir ar gyfer un ffeil
reply-reason-file-refused = gwrthodwyd y ffeil “{ $name }”: { $why }
reply-reason-text = testun yr e-bost: { $why }
reply-reason-empty = nid oedd testun na ffeiliau ynddo
