/* SPDX-License-Identifier: Apache-2.0 */
/* Shared by the files of the segmenter (segment_*.c), not by other modules: the flow, the
 * reader of lines, the itemizer and the text tests they all use. */
#ifndef ILOKG_SEGMENT_INT_H
#define ILOKG_SEGMENT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "read/doc.h"
#include "read/segment_lex.h"
#include "read/text.h"
#include "util/buf.h"
#include "util/source.h"
#include "util/status.h"

#define NONE SIZE_MAX
#define MAX_NUMS 16

/* ---- the flow: paragraphs of text in reading order ------------------------------------- */

typedef struct {
    size_t   fs, fe;         /* range in the flow */
    size_t   section;        /* index into doc->sections, NONE before the first */
    unsigned nums[MAX_NUMS]; /* item numbers printed apart from their items */
    size_t   n_nums;
    int      skip; /* an interjection (call-out) inside an item: not read */
} para;

typedef struct {
    ilokg_buf buf;
    size_t   *nmap, *nend; /* flow byte -> normalised start / end */
    size_t    cap_map, cap_end;
    para     *paras;
    size_t    n_paras, cap_paras;
    int       open; /* the last paragraph may still grow */
} flow;

/* Lower-cased word sequence helpers for the duplicate check. */
typedef struct {
    size_t s, e;
} rng;

typedef struct {
    size_t s, e;   /* normalised range, without the newline */
    size_t ts, te; /* trimmed */
    size_t nchars; /* trimmed length in characters */
    int    blank;
    int    tabbed; /* holds a tab between two non-empty cells */
} line;

typedef enum { LAYOUT_FLOW, LAYOUT_TABLE } layout;

typedef struct {
    ilokg_doc          *doc;
    const ilokg_text   *t;
    const ilokg_source *src;
    ilokg_diag         *diag;
    line               *lines;
    size_t              n_lines;
    flow                f;
    char               *part;    /* current part heading, owned */
    size_t              section; /* current section or NONE */
    size_t              cap_sections;
    int                 body;        /* past the document header */
    int                 part_open;   /* a part heading with no section heading after it yet */
    rng                 part_span;   /* its text */
    int                 lay;         /* layout of the document */
    size_t              heading_row; /* line of the last heading cell, or NONE */
    int                 heading_text_closed; /* its text cell ended a sentence */
    size_t              wrap_cols; /* column a fixed-width table layout is wrapped at, or 0 */
} reader;

/* A printed item marker at p: "23.", "(a)", "a.", "a)", "(iv)", a bullet, a dash bullet.
 * Returns its length (including the following spaces) or 0; kind and the number or letter. */
typedef enum { MARK_NONE, MARK_NUMBER, MARK_LETTER, MARK_BULLET } mark_kind;

typedef enum { B_PARA, B_SEMI, B_COLON, B_STOP, B_BULLET } boundary;

typedef struct {
    size_t   fs, fe;   /* trimmed unit in the flow */
    boundary before;   /* what ended the previous unit */
    int      split_ok; /* a place where a lost item number may be restored */
} piece;

typedef struct {
    size_t         section;
    char           number[8];
    int            numbered; /* number printed inside the flow ("23.") */
    int            lettered;
    int            bulleted;
    const char    *actors[ILOKG_MAX_ACTORS];
    size_t         n_actors;
    ilokg_modality modality;
    size_t         leadin_fs, leadin_fe; /* flow range of its lead-in, fs == fe when none */
    int            own_leadin;           /* actors named in the item itself */
    size_t         p0, np;               /* its pieces */
    size_t         mark_len;             /* marker at the start of its first piece */
} item;

typedef struct {
    int            active;
    const char    *actors[ILOKG_MAX_ACTORS];
    size_t         n_actors;
    ilokg_modality modality;
    size_t         fs, fe;
    int            prepositional; /* "... by:", "... on:": items complete the sentence */
    int            including;     /* "..., including:" */
    int            fresh;         /* nothing read since the lead-in */
    size_t         section;
    unsigned       nums[MAX_NUMS];
    size_t         n_nums, next_num;
} region;

typedef struct {
    reader     *r;
    const char *fp; /* flow text */
    piece      *pieces;
    size_t      n_pieces, cap_pieces;
    item       *items;
    size_t      n_items, cap_items;
    region      reg;
    size_t      cur;       /* current item or NONE */
    int         sub;       /* inside a sub-list of the current item */
    int         last_item; /* the last text read belongs to an item */
    const char *parties[ILOKG_MAX_ACTORS];
    size_t      n_parties;
    size_t      section; /* section of the unit being read */
} itemizer;

typedef struct {
    const char    *actors[ILOKG_MAX_ACTORS];
    size_t         n_actors;
    ilokg_modality modality;
    size_t         actor_start; /* flow offset where the actor phrase starts */
    size_t         modal_end;   /* flow offset just past the modal phrase */
} actor_clause;

/* segment_text.c */
extern const char        ilokg_seg_bullet[];
extern const char *const ilokg_seg_months[12];
int                      ilokg_seg_is_word_char(char c);
int                      ilokg_seg_starts_word_ci(const char *p, size_t n, const char *w);
int    ilokg_seg_ends_phrase_ci(const char *p, size_t n, const char *w, size_t *at);
size_t ilokg_seg_word_len(const char *p, size_t n);
void   ilokg_seg_trim(const char *p, size_t *s, size_t *e);
size_t ilokg_seg_marker_at(const char *p, size_t n, mark_kind *kind, char *label, size_t label_max);
/** Whether the digits p[0, n) read as a year (1900-2099): not an item number on their own. */
int ilokg_seg_is_year(const char *p, size_t n);
/** The number of a numbered marker ("1900. ", or "1900." ending p) at p, years included, or
 *  -1; *len gets the marker's length with the spaces after it. */
long ilokg_seg_number_at(const char *p, size_t n, size_t *len);
int  ilokg_seg_month_at(const char *p, size_t n);

/* segment_flow.c */
ilokg_status ilokg_seg_flow_put(flow *f, const char *p, size_t len, size_t nstart, int synthetic);
ilokg_status ilokg_seg_flow_text(flow *f, const ilokg_text *t, size_t s, size_t e);
ilokg_status ilokg_seg_flow_new_para(flow *f, size_t section);
void         ilokg_seg_flow_end_para(flow *f);
void         ilokg_seg_drop_repeated_tail(flow *f, const char *next, size_t n);

/* segment_layout.c */
ilokg_status ilokg_seg_index_lines(reader *r);
ilokg_status ilokg_seg_read_layout(reader *r);

/* segment_header.c */
ilokg_status ilokg_seg_read_header(reader *r);

/* segment_items.c */
ilokg_status ilokg_seg_read_items(reader *r);

/* segment_commit.c */
ilokg_status ilokg_seg_finish_items(itemizer *z);

#endif
