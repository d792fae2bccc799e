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
