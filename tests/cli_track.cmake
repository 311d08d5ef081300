# ilokg track on the corpus: the pairs of meetings, the totals read by hand (docs/reading.md:
# 73, 89 and 104 commitments), links checked against the texts, the CSV, usage errors.
# The canned queries' answers on the tracking graph are tests/golden/query-corpus-track-*.csv
# (run by cli_query.cmake; checked in docs/queries.md).

# Two pairs, 13 -> 15 and 15 -> 16: the ILC session (106) is a series of its own and the
# programming note has no meeting number. Every commitment of each meeting is counted once.
ilokg_cli_test(cli_track_pairs
    STDOUT "== HLMConclusions: meeting 13 \\(hlm13-2017\\) -> meeting 15 \\(hlm15-2020\\) ==\n  earlier commitments: [0-9]+ continued, [0-9]+ developed, [0-9]+ not taken up \\(of 73\\)\n  later commitments: +[0-9]+ new, [0-9]+ carry an earlier one on \\(of 89\\).*== HLMConclusions: meeting 15 \\(hlm15-2020\\) -> meeting 16 \\(hlm16-2022\\) ==\n  earlier commitments: [0-9]+ continued, [0-9]+ developed, [0-9]+ not taken up \\(of 89\\)\n  later commitments: +[0-9]+ new, [0-9]+ carry an earlier one on \\(of 104\\)"
    ARGS track ${ILOKG_CORPUS})

# 2017 item 1 and 2020 item 1 say the same (read side by side: "Strengthen their coordination
# ..." and "Strengthening coordination and policy coherence ..."), both naming the EU and G20.
ilokg_cli_test(cli_track_repeated
    STDOUT "  hlm13-2017 1 \\(item 1\\) -> hlm15-2020 1: repeated, score [0-9.]+ \\(text [0-9.]+, entities 1.000, themes 1.000\\)\n    shared: EU G20; key phrase: \"Strengthening coordination\"\n    \\| Strengthen their coordination to promote social +\\| Strengthening coordination and policy coherence\n"
    ARGS track ${ILOKG_CORPUS})

# CSV: the header, and the Forced Labour Protocol carried from 2017 item 25 ("Monitor the
# ratification process of the Forced Labour Protocol in Member States") to 2020 commitment 20
# ("... by EU Member States, in particular the Forced Labour Protocol P29 ...").
ilokg_cli_test(cli_track_csv
    STDOUT "^series,earlier_meeting,later_meeting,earlier_doc,earlier_seq,earlier_item,later_doc,later_seq,later_item,degree,score,text_similarity,entity_similarity,theme_similarity,shared_entities,shared_themes,key_phrase,earlier_text,later_text\r\n.*\r\nHLMConclusions,13,15,hlm13-2017,25,25,hlm15-2020,20,7,developed,[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+,P029,[a-z -]+,Labour Protocol,Monitor the ratification process of the Forced Labour Protocol in Member States,"
    ARGS track --format csv ${ILOKG_CORPUS})

# One document is no series: said in words, exit 0.
ilokg_cli_test(cli_track_single
    STDOUT "^No series with two meetings"
    ARGS track ${ILOKG_CORPUS}/hlm13-2017-joint-conclusions.txt)

ilokg_cli_test(cli_track_bad_format EXIT 2 ARGS track -f xml ${ILOKG_CORPUS}
    STDERR "^ilokg: unknown format 'xml' \\(text or csv\\)\nTry 'ilokg track --help'")
ilokg_cli_test(cli_track_no_input EXIT 2 ARGS track STDERR "no input")
ilokg_cli_test(cli_help_track ARGS track --help
    STDOUT "^Usage: ilokg track \\[OPTIONS\\].*--format NAME.*--allow-outside.*--help")
