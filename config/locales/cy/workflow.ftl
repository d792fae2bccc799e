## Y problemau y mae'r llif gwaith yn eu geirio ei hun. Dônt ar ôl enw maes a cholon.

workflow-escalate-why = dywedwch pam nad yw'r cam anffurfiol wedi datrys yr anghytundeb
workflow-extend-at-least-one = rhaid iddo fod yn 1 o leiaf
workflow-extend-left = { $stage ->
    [informal] dim ond { $left } diwrnod gwaith o estyniad sydd ar ôl yn y cam anffurfiol
    [formal] dim ond { $left } diwrnod gwaith o estyniad sydd ar ôl yn y cam ffurfiol
   *[appeal] dim ond { $left } diwrnod gwaith o estyniad sydd ar ôl yng ngham yr apêl
}
workflow-appeal-outcome-not-needed = rhowch ganlyniad dim ond pan gaiff y penderfyniad ei amrywio neu ei wrthdroi
workflow-appeal-outcome-needed = mae angen canlyniad newydd ar benderfyniad a amrywiwyd neu a wrthdrowyd
workflow-mark-status = rhaid iddo fod yn implemented neu not_implemented
workflow-mark-no-such = nid oes gan y penderfyniad argymhelliad o'r fath
workflow-mark-withdrawn = tynnwyd yr argymhelliad hwnnw'n ôl pan wrthdrowyd y penderfyniad ar apêl
workflow-mark-already = mae'r argymhelliad hwnnw wedi'i nodi eisoes
workflow-raise-own = ni ellir codi anghytundeb yn erbyn eich sefydliad eich hun
workflow-raise-no-principle = nodwch o leiaf un egwyddor
workflow-raise-unknown-principle = nid yw { $principle } yn un o egwyddorion y Compact hwn
workflow-raise-principle-twice = mae { $principle } wedi'i nodi ddwywaith

## Pam na ellir cymryd cam nawr, neu gan y person hwn (holl fanylion gwrthodiad).
## Enw'r cam a'r cyflwr mewn dyfynodau, a dyddiadau ar ôl colon neu "yw", fel nad oes dim yn treiglo.

workflow-not-in-state = ni ellir cymryd y cam “{ $action }” tra bo'r achos yn y cyflwr “{ $state }”: { $reason }
workflow-state-closed = mae'r achos ar gau
workflow-state-paused = mae'r achos wedi'i oedi; rhaid ei ailddechrau yn gyntaf
workflow-state-not-a-step = { $stage ->
    [informal] nid yw'n rhan o'r cam anffurfiol
    [formal] nid yw'n rhan o'r cam ffurfiol
   *[appeal] nid yw'n rhan o gam yr apêl
}
# I'w wirio
workflow-no-running-deadline = nid yw'r terfyn amser hwn yn rhedeg: { $deadline }
# I'w wirio
workflow-no-reminder-due = nid oes nodyn atgoffa'n ddyledus ar gyfer y terfyn amser hwn: { $deadline } erbyn { $date }
# I'w wirio
workflow-no-overdue-notice-due = nid oes hysbysiad hwyr yn ddyledus ar gyfer y terfyn amser hwn: { $deadline } erbyn { $date }
workflow-no-deadline-running = nid oes terfyn amser yn rhedeg
workflow-extension-used-up = { $stage ->
    [informal] defnyddiwyd y { $days } diwrnod gwaith o estyniad a ganiateir yn y cam anffurfiol
    [formal] defnyddiwyd y { $days } diwrnod gwaith o estyniad a ganiateir yn y cam ffurfiol
   *[appeal] defnyddiwyd y { $days } diwrnod gwaith o estyniad a ganiateir yng ngham yr apêl
}
workflow-decision-accepted-already = mae eich sefydliad eisoes wedi derbyn y penderfyniad
workflow-appeal-window-closed = mae'r cyfnod apelio wedi cau (y diwrnod olaf oedd { $date })
workflow-appeal-window-not-open = nid yw'r cyfnod apelio ar agor
workflow-appeal-window-open-until = mae'r cyfnod apelio yn dal ar agor (y diwrnod olaf yw { $date })
# I'w wirio
workflow-acknowledgement-not-late = y diwrnod olaf i'r sefydliad sy'n ymateb gydnabod yr anghytundeb yw { $date }; gellir mynd â'r anghytundeb i'r cam ffurfiol o'r diwrnod wedyn
workflow-response-submitted-already = anfonwyd yr ymateb ysgrifenedig eisoes ({ $date })
workflow-case-study-referred-already = cyfeiriwyd yr achos fel astudiaeth achos eisoes ({ $date })
workflow-no-open-recommendations = nid oes gan yr achos argymhellion agored
# I'w wirio
workflow-only-who = dim ond { $who } all gymryd y cam hwn (“{ $action }”)
workflow-only-a-person = dim ond person all wneud hyn
workflow-only-a-party = dim ond aelod o un o'r partïon all wneud hyn
# I'w wirio
workflow-not-the-owner = yr hwylusydd neu hyrwyddwr y parti arall sy'n nodi argymhelliad, nid y sefydliad sy'n gyfrifol amdano
workflow-raise-members-only = dim ond aelod o sefydliad all godi anghytundeb ar ei ran

## Pwy all gymryd cam, ar ôl "dim ond" (nid yw'n treiglo).

who-raiser = aelod o'r sefydliad a gododd yr anghytundeb
who-respondent = aelod o'r sefydliad sy'n ymateb
who-either-party = aelod o'r naill sefydliad neu'r llall
who-other-party = aelod o'r parti na chynigiodd y telerau
who-subgroup-chair = cadeirydd yr Is-grŵp Datrys Anghydfodau
who-chair-or-facilitator = cadeirydd yr is-grŵp neu'r hwylusydd
who-panel-chair = cadeirydd y panel
who-appeal-panel-chair = cadeirydd y panel apêl
who-scheduler = y gwasanaeth ei hun, pan ddaw'r terfyn amser i ben,
who-champion-or-facilitator = yr hwylusydd neu hyrwyddwr un o'r partïon

## Darn o destun na ellir ei dderbyn, ar ôl enw ei faes.

workflow-text-empty = rhaid iddo beidio â bod yn wag
workflow-text-too-long = rhaid iddo fod yn { $max } nod ar y mwyaf
workflow-text-control = rhaid iddo beidio â chynnwys nodau rheoli

## Dyddiad sy'n gwrth-ddweud un arall, ar ôl enw ei faes.

workflow-closes-before-opens = rhaid iddo beidio â bod cyn y dyddiad yr agorodd yr ymgynghoriad

## Cyfeiriad e-bost na ellir ei dderbyn, ar ôl enw ei faes.

workflow-email-length = rhaid iddo fod yn gyfeiriad e-bost o 254 nod ar y mwyaf
workflow-email-shape = rhaid iddo fod yn gyfeiriad e-bost, fel enw@example.org
workflow-email-plain = rhaid iddo fod yn un cyfeiriad e-bost plaen, fel enw@example.org, heb ddim o'i gwmpas
workflow-email-domain = rhaid iddo orffen gyda pharth sy'n cynnwys dot, fel example.org
