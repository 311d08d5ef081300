/* SPDX-License-Identifier: Apache-2.0 */
/* The segmenter's word lists: actor phrases, modal phrases, action verbs with their classes. */
#include "read/segment_lex.h"

#include <string.h>

#include "util/ascii.h"

/* Longest phrases first within a prefix family; the matcher takes the longest match anyway. */
const ilokg_actor_alias ilokg_actor_aliases[] = {
    {"international labour organization", "ILO"},
    {"international labour organisation", "ILO"},
    {"international labour office", "ILO"},
    {"ilo", "ILO"},
    {"office", "ILO"},
    {"european commission", "EC"},
    {"commission", "EC"},
    {"ec", "EC"},
    {"european union", "EU"},
    {"eu", "EU"},
    {"european external action services (eeas)", "EEAS"},
    {"european external action service (eeas)", "EEAS"},
    {"european external action services", "EEAS"},
    {"european external action service", "EEAS"},
    {"eeas", "EEAS"},
    {"eu delegations", "EUDEL"},
    {"eu member states", "EUMS"},
    {"governing body of the international labour office", "ILO-GB"},
    {"governing body", "ILO-GB"},
    {"director-general", "ILO-DG"},
    {"director general", "ILO-DG"},
    {"international labour conference", "ILC"},
    {"both organisations", ILOKG_ACTOR_PARTIES},
    {"both organizations", ILOKG_ACTOR_PARTIES},
    {"both institutions", ILOKG_ACTOR_PARTIES},
    {"the two organisations", ILOKG_ACTOR_PARTIES},
    {"the two organizations", ILOKG_ACTOR_PARTIES},
    {"the partners", ILOKG_ACTOR_PARTIES},
    {"they", ILOKG_ACTOR_PARTIES},
    {"both", ILOKG_ACTOR_PARTIES},
};
const size_t ilokg_n_actor_aliases = sizeof ilokg_actor_aliases / sizeof ilokg_actor_aliases[0];

const ilokg_modal_phrase ilokg_modal_phrases[] = {
    {"envisage/intend to", ILOKG_MODALITY_INTEND},
    {"intend/envisage to", ILOKG_MODALITY_INTEND},
    {"intend to", ILOKG_MODALITY_INTEND},
    {"intends to", ILOKG_MODALITY_INTEND},
    {"envisage to", ILOKG_MODALITY_INTEND},
    {"plan to", ILOKG_MODALITY_INTEND},
    {"plans to", ILOKG_MODALITY_INTEND},
    {"endeavour to", ILOKG_MODALITY_INTEND},
    {"endeavor to", ILOKG_MODALITY_INTEND},
    {"will", ILOKG_MODALITY_WILL},
    {"shall", ILOKG_MODALITY_WILL},
    {"should", ILOKG_MODALITY_SHOULD},
    {"have agreed to", ILOKG_MODALITY_OTHER},
    {"has agreed to", ILOKG_MODALITY_OTHER},
    {"agree to", ILOKG_MODALITY_OTHER},
    {"agrees to", ILOKG_MODALITY_OTHER},
    {"are committed to", ILOKG_MODALITY_OTHER},
    {"is committed to", ILOKG_MODALITY_OTHER},
    {"commit to", ILOKG_MODALITY_OTHER},
    {"commits to", ILOKG_MODALITY_OTHER},
    {"undertake to", ILOKG_MODALITY_OTHER},
    {"undertakes to", ILOKG_MODALITY_OTHER},
    {"pledge to", ILOKG_MODALITY_OTHER},
    {"pledges to", ILOKG_MODALITY_OTHER},
    {"resolve to", ILOKG_MODALITY_OTHER},
    {"resolves to", ILOKG_MODALITY_OTHER},
    {"are determined to", ILOKG_MODALITY_OTHER},
    {"is determined to", ILOKG_MODALITY_OTHER},
    {"stand ready to", ILOKG_MODALITY_OTHER},
    {"stands ready to", ILOKG_MODALITY_OTHER},
    {"have identified the following", ILOKG_MODALITY_OTHER},
    {"has identified the following", ILOKG_MODALITY_OTHER},
};
const size_t ilokg_n_modal_phrases = sizeof ilokg_modal_phrases / sizeof ilokg_modal_phrases[0];

/* Action verbs of the genre. firm: an undertaking to act; exchange: information, consultation,
 * meetings; explore: a study, an assessment, a possibility to consider. */
static const ilokg_verb verbs[] = {
    {"accelerate", "firm"},
    {"accompany", "firm"},
    {"address", "firm"},
    {"advance", "firm"},
    {"advocate", "firm"},
    {"align", "firm"},
    {"analyse", "explore"},
    {"analyze", "explore"},
    {"apply", "firm"},
    {"assess", "explore"},
    {"assist", "firm"},
    {"benchmark", "firm"},
    {"brief", "exchange"},
    {"build", "firm"},
    {"carry", "firm"},
    {"collaborate", "firm"},
    {"collect", "firm"},
    {"combat", "firm"},
    {"communicate", "exchange"},
    {"conduct", "firm"},
    {"consider", "explore"},
    {"consult", "exchange"},
    {"continue", "firm"},
    {"contribute", "firm"},
    {"cooperate", "firm"},
    {"co-operate", "firm"},
    {"coordinate", "firm"},
    {"co-create", "firm"},
    {"create", "firm"},
    {"deepen", "firm"},
    {"deliver", "firm"},
    {"develop", "firm"},
    {"discuss", "exchange"},
    {"disseminate", "firm"},
    {"document", "firm"},
    {"draw", "firm"},
    {"empower", "firm"},
    {"encourage", "firm"},
    {"engage", "firm"},
    {"enhance", "firm"},
    {"ensure", "firm"},
    {"establish", "firm"},
    {"evaluate", "explore"},
    {"examine", "explore"},
    {"exchange", "exchange"},
    {"expand", "firm"},
    {"explore", "explore"},
    {"extend", "firm"},
    {"facilitate", "firm"},
    {"focus", "firm"},
    {"foster", "firm"},
    {"give", "firm"},
    {"help", "firm"},
    {"hold", "exchange"},
    {"identify", "explore"},
    {"implement", "firm"},
    {"improve", "firm"},
    {"increase", "firm"},
    {"inform", "exchange"},
    {"intensify", "firm"},
    {"invite", "exchange"},
    {"join", "firm"},
    {"keep", "exchange"},
    {"lead", "firm"},
    {"leverage", "firm"},
    {"maintain", "firm"},
    {"make", "firm"},
    {"maximise", "firm"},
    {"maximize", "firm"},
    {"meet", "exchange"},
    {"mobilise", "firm"},
    {"mobilize", "firm"},
    {"monitor", "firm"},
    {"organise", "firm"},
    {"organize", "firm"},
    {"participate", "exchange"},
    {"pay", "firm"},
    {"prepare", "firm"},
    {"prevent", "firm"},
    {"prioritise", "firm"},
    {"prioritize", "firm"},
    {"produce", "firm"},
    {"promote", "firm"},
    {"protect", "firm"},
    {"provide", "firm"},
    {"pursue", "firm"},
    {"raise", "firm"},
    {"recognise", "firm"},
    {"recognize", "firm"},
    {"reinforce", "firm"},
    {"reinvigorate", "firm"},
    {"report", "exchange"},
    {"resume", "firm"},
    {"respond", "firm"},
    {"review", "explore"},
    {"scale", "firm"},
    {"seek", "explore"},
    {"set", "firm"},
    {"share", "exchange"},
    {"step", "firm"},
    {"strengthen", "firm"},
    {"study", "explore"},
    {"support", "firm"},
    {"tackle", "firm"},
    {"take", "firm"},
    {"test", "firm"},
    {"undertake", "firm"},
    {"update", "exchange"},
    {"use", "firm"},
    {"work", "firm"},
};

static int
equal_ci(const char *a, size_t alen, const char *b)
{
    size_t blen = strlen(b);
    if (alen != blen) {
        return 0;
    }
    for (size_t i = 0; i < alen; i++) {
        if (ilokg_to_lower(a[i]) != b[i]) {
            return 0;
        }
    }
    return 1;
}

static const ilokg_verb *
find_lemma(const char *w, size_t len)
{
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
        if (equal_ci(w, len, verbs[i].lemma)) {
            return &verbs[i];
        }
    }
    return NULL;
}

const ilokg_verb *
ilokg_verb_lookup(const char *word, size_t len, int *gerund)
{
    *gerund             = 0;
    const ilokg_verb *v = find_lemma(word, len);
    if (v || len < 5 || !equal_ci(word + len - 3, 3, "ing")) {
        return v;
    }
    /* -ing forms: "strengthening", "promoting" (e dropped), "focussing" (doubled). */
    char   buf[40];
    size_t stem = len - 3;
    if (stem + 1 >= sizeof buf) {
        return NULL;
    }
    memcpy(buf, word, stem);
    *gerund = 1;
    if ((v = find_lemma(buf, stem))) {
        return v;
    }
    buf[stem] = 'e';
    if ((v = find_lemma(buf, stem + 1))) {
        return v;
    }
    if (stem >= 2 && buf[stem - 1] == buf[stem - 2] && (v = find_lemma(buf, stem - 1))) {
        return v;
    }
    *gerund = 0;
    return NULL;
}

const ilokg_verb *
ilokg_participle_lookup(const char *word, size_t len)
{
    /* "developed" (e kept), "expanded" (ed), "carried" (y to ied), "planned" (doubled). */
    char buf[40];
    if (len < 4 || len >= sizeof buf || !equal_ci(word + len - 2, 2, "ed")) {
        return NULL;
    }
    const ilokg_verb *v;
    size_t            stem = len - 2;
    memcpy(buf, word, stem + 1); /* the stem and the e of "-ed": "promot" + "e" */
    if ((v = find_lemma(buf, stem)) || (v = find_lemma(buf, stem + 1))) {
        return v;
    }
    if (buf[stem - 1] == 'i' || buf[stem - 1] == 'I') {
        buf[stem - 1] = 'y';
        if ((v = find_lemma(buf, stem))) {
            return v;
        }
    }
    if (stem >= 3 && buf[stem - 1] == buf[stem - 2]) {
        return find_lemma(buf, stem - 1);
    }
    return NULL;
}

int
ilokg_is_item_adverb(const char *word, size_t len)
{
    static const char *const adverbs[] = {"jointly",   "further",  "actively",
                                          "regularly", "better",   "also",
                                          "closely",   "together", "systematically"};
    for (size_t i = 0; i < sizeof adverbs / sizeof adverbs[0]; i++) {
        if (equal_ci(word, len, adverbs[i])) {
            return 1;
        }
    }
    return 0;
}
