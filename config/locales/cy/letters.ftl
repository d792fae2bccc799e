## Decision letters (decision_letter.txt): the PDF each party is sent of a decision

# I'w wirio: "Agreed resolution" given as "resolving a disagreement by agreement", so the heading reads naturally (also used in "case-letter-to").
letter-heading-informal = Datrys anghytundeb drwy gytundeb
letter-heading-formal = Penderfyniad y Panel Datrys Anghydfodau
letter-heading-appeal = Penderfyniad ar yr apêl
letter-to = At: { $to }
letter-case = Achos: { $reference }, { $title }
letter-about = Am beth oedd yr anghytundeb
letter-principles = Egwyddorion y Compact dan sylw:
# I'w wirio: "The agreed resolution" given as "the terms agreed", as the other catalogues call a resolution "telerau" and this section gives the terms as written.
letter-resolution = Y telerau a gytunwyd
letter-decision = Y penderfyniad
letter-recommendations = Argymhellion
# After what a recommendation asks, which the letter gives as it was written.
letter-recommendation-for = Ar gyfer: { $owner }, erbyn { $due }.
letter-next = Beth sy'n digwydd nesaf
letter-not-satisfied = Os nad ydych yn fodlon o hyd
letter-link = Yr achos, ei linell amser a'r llythyr hwn: { $link }
letter-signed = { $operator }, ar ran y Compact ({ $compact })
# An appeal's result and, when it changed the decision, the new finding.
letter-appeal-outcome = { $result }: { $outcome }
letter-next-resolved = Mae'r anghytundeb wedi'i ddatrys ar y telerau hyn, ac mae'r achos wedi cau.
letter-next-appeal-by = Gall y naill sefydliad neu'r llall apelio yn erbyn y penderfyniad hwn, ar dudalen yr achos, erbyn { $date }. Ar ôl y diwrnod hwnnw, bydd y penderfyniad yn sefyll.
letter-next-appealed = Cyflwynwyd apêl yn erbyn y penderfyniad hwn: bydd panel apêl yn penderfynu arni.
letter-next-stands = Mae'r cyfnod apelio wedi dod i ben: mae'r penderfyniad yn sefyll, ac mae'r achos wedi cau.
letter-next-final = Mae'r penderfyniad hwn yn derfynol o dan y Compact, ac mae'r achos wedi cau.
# I'w wirio: "follow them" given as "keep track of them" (cadw golwg arnynt), i.e. the Champions monitor the recommendations.
letter-next-recommendations = Bydd pob sefydliad a enwir yn adrodd ar ei argymhellion erbyn y dyddiad a roddwyd; bydd Hyrwyddwyr y Compact yn cadw golwg arnynt.

## Cofnod bwndel yr achos (record.pdf), yn iaith y sawl a'i gofynnodd.
## Dyddiadau ac enwau ar ôl colon, fel nad oes dim yn treiglo.

record-title = Cofnod yr achos: { $reference }
record-as-seen = Y cofnod fel y gall y person hwn ei weld: { $viewer }. Dyddiad: { $date }.
record-about = Am yr anghytundeb
record-raised-by = Wedi'i godi gan: { $organisation }
record-with = Y sefydliad arall: { $organisation }
record-opened = Agorwyd: { $date }
record-stands = Ble mae'n sefyll: { $state }
record-outcome = Canlyniad: { $outcome }
record-principles = Egwyddorion y Compact dan sylw:
record-as-raised = Beth ddigwyddodd, fel y'i codwyd
record-wanted = Beth y mae'r sefydliad a gododd yr anghytundeb am iddo ddigwydd
record-decision = Penderfyniad y panel
record-decided = { $outcome }. Dyddiad: { $date }.
record-appeal = Penderfyniad yr apêl
record-appeal-decided = { $result }: { $outcome }. Dyddiad: { $date }.
record-story = Beth sydd wedi digwydd
record-story-none = Dim byd eto.
record-story-line = { $date }: { $headline }
record-messages = Negeseuon
record-messages-none = Dim negeseuon.
record-message = { $date }, { $person }: { $body }
record-files = Ffeiliau
record-files-none = Dim ffeiliau.
record-file = { $name } ({ $kb } KB). Oddi wrth: { $person }, { $date }. Yn y bwndel: { $path }
record-file-removed = { $name } (wedi'i thynnu)
record-trail = Y trywydd archwilio
record-trail-said = { $events } digwyddiad, a'r olaf yn cloi'r gadwyn gyda'r stwnsh { $hash }. Mae pob un yn y ffeil audit/events.json gyda'i seliau a'i stwnshiau; mae `disputes audit verify-bundle` yn eu gwirio, a'r bwndel hwn, heb gysylltiad â'r gwasanaeth.
