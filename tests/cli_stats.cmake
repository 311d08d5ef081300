# ilokg stats on the corpus: the totals counted by reading each document (docs/reading.md).

ilokg_cli_test(cli_stats_corpus_totals
    STDOUT "hlm13-2017 [^\n]*\n  sections: 11  commitments: 73 .*hlm15-2020 [^\n]*\n  sections: 15  commitments: 89 .*hlm16-2022 [^\n]*\n  sections: 13  commitments: 104 .*ilc106-2017 [^\n]*\n  sections: 11  commitments: 35 .*ilo-pn-ils [^\n]*\n  sections: 12  commitments: 0 .*total: 5 documents, 62 sections, 301 commitments"
    ARGS stats ${ILOKG_CORPUS})

# Per section, actor and modality for the 2017 conclusions: the Commission acts alone in items
# 14, 25 and 26, the ILO alone in 15, 32 and 58.
ilokg_cli_test(cli_stats_hlm13_breakdown
    STDOUT "  commitments per section:\n +8  A sound partnership\n +7  Future of Work and EU Pillar of social rights\n.*  commitments per actor:\n +70  EC\n +70  ILO\n  commitments per modality:\n +73  Will\n"
    ARGS stats ${ILOKG_CORPUS}/hlm13-2017-joint-conclusions.txt)

# A warning names its place: the resolution's lettered list starts at (d).
ilokg_cli_test(cli_stats_lists_warnings
    STDOUT "warnings:.*ilc106-2017-labour-migration-conclusions.txt:224:2: lettered list starts at \\(d\\), not \\(a\\)"
    ARGS stats ${ILOKG_CORPUS}/ilc106-2017-labour-migration-conclusions.txt)
