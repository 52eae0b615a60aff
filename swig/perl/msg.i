/*
 * swig/perl/msg.i - the helpers behind the message shapes of typemaps.i:
 * reading items, pieces and receive requests from Perl values, and
 * building Perl results (Xapi::Cmsg objects, addresses, whole received
 * messages) from what the core returns.  The calls themselves are the
 * shared declarations of swig/xapi.i; the helpers follow the conventions
 * of typemaps.i.
 */

%{
/*
 * Building results fast.  A receive makes many small hashes with the same
 * keys: they are stored through shared key SVs made once per interpreter
 * (see xapi_perl_guts below).  A call also remembers the last source
 * address it turned into Perl text: consecutive datagrams from one peer,
 * the common case in a batch (the core flags them XAPI_BATCH_SAME_ADDR),
 * then copy the earlier result's text and skip the inet_ntop.  Strings
 * handed to Perl are plain copies, never shared or copy-on-write ones:
 * those are cheaper to make but dearer to every consumer.
 */
/* Small calls keep their scratch on the C stack; bigger ones use a mortal
 * SV's buffer (freed by Perl, also on a croak). */
#define XAPI_PERL_STACK_PIECES 16
#define XAPI_PERL_STACK_ANC 1024

enum {
    XAPI_PERL_K_LEVEL, XAPI_PERL_K_TYPE, XAPI_PERL_K_DATA, XAPI_PERL_K_VIEW,
    XAPI_PERL_K_VALUE, XAPI_PERL_K_ADDRESS, XAPI_PERL_K_CMSGS,
    XAPI_PERL_K_FLAGS, XAPI_PERL_K_NBYTES, XAPI_PERL_K_LEN, XAPI_PERL_K_TO,
    XAPI_PERL_K_VIEWS, XAPI_PERL_NFIXED
};

static const char *const xapi_perl_fixed_keys[XAPI_PERL_NFIXED] = {
    "level", "type", "data", "view", "value", "address", "cmsgs", "flags",
    "nbytes", "len", "to", "views"
};

/* After the fixed keys come, from the core's tables (read once when the
 * module loads; constant after that): the view names (xapi_view_name_at),
 * then each record's field names (xapi_record_at), record r's first at
 * xapi_perl_rec_key0[r]. */
#define XAPI_PERL_MAX_VIEWS 64
#define XAPI_PERL_MAX_RECORDS 32
static const char *xapi_perl_view_names[XAPI_PERL_MAX_VIEWS];
static size_t xapi_perl_nviews;
static const xapi_record *xapi_perl_recs[XAPI_PERL_MAX_RECORDS];
static size_t xapi_perl_rec_key0[XAPI_PERL_MAX_RECORDS + 1];
static size_t xapi_perl_nkeys; /* all of them */

static void xapi_perl_tables_init(void)
{
    size_t i;

    for (i = 0; i < XAPI_PERL_MAX_VIEWS && xapi_view_name_at(i); i++)
        xapi_perl_view_names[i] = xapi_view_name_at(i);
    xapi_perl_nviews = i;
    xapi_perl_rec_key0[0] = XAPI_PERL_NFIXED + i;
    for (i = 0; i < XAPI_PERL_MAX_RECORDS && xapi_record_at(i); i++) {
        xapi_perl_recs[i] = xapi_record_at(i);
        xapi_perl_rec_key0[i + 1] = xapi_perl_rec_key0[i] +
                                    xapi_perl_recs[i]->nfields;
    }
    xapi_perl_nkeys = xapi_perl_rec_key0[i];
}

/*
 * Per interpreter, with no process-wide state: the keys as shared string
 * SVs, in an array kept in the interpreter's PL_modglobal.  Stores through
 * a shared key SV reuse the interpreter's one copy of the key and its
 * hash: no hashing and no string-table lookup per store.  A new ithread's
 * interpreter gets a copy of PL_modglobal, and copies of shared keys are
 * shared keys of the new interpreter, so no CLONE hook is needed (MY_CXT,
 * used before, needed one: its C struct is not copied with a thread).
 */
#define XAPI_PERL_GUTS_KEY "Xapi::Raw::keys"

static SV **xapi_perl_guts(pTHX)
{
    SV **svp = hv_fetchs(PL_modglobal, XAPI_PERL_GUTS_KEY, 0);
    AV *av, *reuse;
    int k;
    size_t i;

    if (svp != NULL && SvROK(*svp))
        return AvARRAY((AV *)SvRV(*svp));
    av = newAV();
    av_extend(av, (SSize_t)xapi_perl_nkeys);
    for (k = 0; k < XAPI_PERL_NFIXED; k++)
        av_push(av, newSVpvn_share(xapi_perl_fixed_keys[k],
                                   (I32)strlen(xapi_perl_fixed_keys[k]), 0));
    for (i = 0; i < xapi_perl_nviews; i++)
        av_push(av, newSVpvn_share(xapi_perl_view_names[i],
                                   (I32)strlen(xapi_perl_view_names[i]), 0));
    for (i = 0; i < XAPI_PERL_MAX_RECORDS && xapi_perl_recs[i]; i++)
        for (k = 0; k < (int)xapi_perl_recs[i]->nfields; k++) {
            const char *f = xapi_perl_recs[i]->fields[k].name;
            av_push(av, newSVpvn_share(f, (I32)strlen(f), 0));
        }
    /* After the keys: recvmsg's reuse array, its three slots made here
     * (xapi_perl_recv_reuse). */
    reuse = newAV();
    av_fill(reuse, 2);
    av_push(av, newRV_noinc((SV *)reuse));
    (void)hv_stores(PL_modglobal, XAPI_PERL_GUTS_KEY, newRV_noinc((SV *)av));
    return AvARRAY(av);
}


struct xapi_perl_ctx {
    SV **keys;                      /* the interpreter's (xapi_perl_guts) */
    HV *stash;                      /* Xapi::Cmsg */
    /* The last source address's text (NULL: none) and port. */
    SV *last_host;
    unsigned last_port;
};

/* Ready for one call; everything it makes is mortal or owned by results. */
static void xapi_perl_ctx_init(pTHX_ struct xapi_perl_ctx *x)
{
    x->keys = xapi_perl_guts(aTHX);
    x->stash = gv_stashpvs("Xapi::Cmsg", GV_ADD);
    x->last_host = NULL;
    x->last_port = 0;
}

/* The value under key k of hv, or NULL (through keys, the interpreter's
 * shared keys: no hashing).  Tied hashes are read through their FETCH, as
 * hv_fetch does. */
static SV *xapi_perl_fetch(pTHX_ SV **keys, HV *hv, int k)
{
    HE *he = hv_fetch_ent(hv, keys[k], 0, 0);

    return he != NULL ? HeVAL(he) : NULL;
}

/*
 * Slot writers: one code path both builds a result and rewrites the
 * previous call's in place (recvmsg, and a views batch's array form).  A
 * slot is where a value lives: an element of an array or hash, an element
 * of a reuse array, or a C variable (NULL: nothing yet).  A receive loop
 * drops each call's messages before the next call; the reuse array still
 * holds them, so the next call finds every container and scalar held by
 * nothing else (reference count 1) and writes the new values into them:
 * no allocation and no freeing per message, the strings' buffers reused.
 * Anything the caller still holds, or made special (magic: tied,
 * weakened, blessed elsewhere, read-only; a hash that was iterated), is
 * dropped from the slot and made anew, so what a caller sees is the same
 * as with new values: every message its own.  The helpers take the
 * interpreter as an argument (pTHX_): none looks it up.
 */

/* May sv, a plain scalar (not a reference), be rewritten? */
static int xapi_perl_mine(SV *sv)
{
    return sv != NULL && SvREFCNT(sv) == 1 && !SvMAGICAL(sv) &&
           !SvREADONLY(sv) && !SvOBJECT(sv) && !SvROK(sv) &&
           SvTYPE(sv) <= SVt_PVMG && SvTYPE(sv) != SVt_INVLIST;
}

/* *slot as a plain scalar of mine, ready to be set. */
static SV *xapi_perl_slot_sv(pTHX_ SV **slot)
{
    if (!xapi_perl_mine(*slot)) {
        SvREFCNT_dec(*slot);
        *slot = newSV(0);
    }
    return *slot;
}

static void xapi_perl_put_iv(pTHX_ SV **slot, IV n)
{
    sv_setiv(xapi_perl_slot_sv(aTHX_ slot), n);
}

/* Bytes, with no UTF-8 flag (sv_setpvn keeps one the scalar had). */
static void xapi_perl_put_bytes(pTHX_ SV **slot, const char *p, size_t len)
{
    SV *sv = xapi_perl_slot_sv(aTHX_ slot);

    sv_setpvn(sv, p, len);
    SvUTF8_off(sv);
}

static void xapi_perl_put_text(pTHX_ SV **slot, const char *s)
{
    xapi_perl_put_bytes(aTHX_ slot, s, strlen(s));
}

/* *slot as a reference to a container of type t (SVt_PVAV, resized to n
 * elements, new ones NULL for the writers to fill; or SVt_PVHV), blessed
 * into stash when it is not NULL: the one it refers to when both are
 * mine, else a new one.  Returns the container. */
static SV *xapi_perl_put_ref(pTHX_ SV **slot, svtype t, HV *stash, SSize_t n)
{
    SV *c = *slot != NULL && SvROK(*slot) ? SvRV(*slot) : NULL;

    if (c == NULL || SvREFCNT(*slot) != 1 || SvMAGICAL(*slot) ||
        SvREFCNT(c) != 1 || SvTYPE(c) != t || SvMAGICAL(c) ||
        SvREADONLY(c) || (stash != NULL) != (SvOBJECT(c) != 0) ||
        (stash != NULL && SvSTASH(c) != stash) ||
        (t == SVt_PVAV ? !AvREAL((AV *)c) : SvOOK(c) != 0)) {
        SvREFCNT_dec(*slot);
        c = t == SVt_PVAV ? (SV *)newAV() : (SV *)newHV();
        *slot = newRV_noinc(c);
        if (stash != NULL)
            sv_bless(*slot, stash);
    }
    if (t == SVt_PVAV && AvFILLp((AV *)c) != n - 1)
        av_fill((AV *)c, n - 1);
    return c;
}

/* The slot of hv under key (a shared key SV), made when missing. */
static SV **xapi_perl_hslot(pTHX_ HV *hv, SV *key)
{
    return &HeVAL(hv_fetch_ent(hv, key, 1, 0));
}

/* A record view as a hash of its fields: one loop over the core's field
 * table, stores through the interpreter's shared keys. */
static SV *xapi_perl_record(pTHX_ struct xapi_perl_ctx *x, const xapi_value *v)
{
    const xapi_record *r = xapi_record_of(v->kind);
    HV *hv;
    size_t i, j;

    for (i = 0; r != NULL && i < XAPI_PERL_MAX_RECORDS; i++)
        if (xapi_perl_recs[i] == r)
            break;
    if (r == NULL || i == XAPI_PERL_MAX_RECORDS)
        return newSV(0);
    hv = newHV();
    for (j = 0; j < r->nfields; j++) {
        int64_t n = 0;
        const char *t = NULL;
        size_t len = 0;
        SV *f;

        switch (xapi_field_get(v, &r->fields[j], &n, &t, &len)) {
        case XAPI_FIELD_INT:
            f = newSViv((IV)n);
            break;
        case XAPI_FIELD_TEXT:
        case XAPI_FIELD_BYTES:
            f = newSVpvn(t, len);
            break;
        default:
            f = newSV(0);
            break;
        }
        (void)hv_store_ent(hv, x->keys[xapi_perl_rec_key0[i] + j], f, 0);
    }
    return newRV_noinc((SV *)hv);
}

%}

/* A list of record values out (up to XAPI_RECORDS_MAX): an array
 * reference of their hashes. */
%typemap(in, numinputs=0)
    (xapi_value *RECORDS, size_t RECORDS_CAP, size_t *RECORDS_COUNT)
    (xapi_value recs[XAPI_RECORDS_MAX], size_t n = 0) {
  $1 = recs;
  $2 = XAPI_RECORDS_MAX;
  $3 = &n;
}
%typemap(argout)
    (xapi_value *RECORDS, size_t RECORDS_CAP, size_t *RECORDS_COUNT) {
  struct xapi_perl_ctx x;
  AV *av = newAV();
  size_t ri;

  xapi_perl_ctx_init(aTHX_ &x);
  for (ri = 0; ri < *$3; ri++)
    av_push(av, xapi_perl_record(aTHX_ &x, &$1[ri]));
  if (argvi >= items) EXTEND(sp, argvi + 1);
  $result = sv_2mortal(newRV_noinc((SV *)av));
  argvi++;
}

%{
/* An SCM_RIGHTS value (swig/perl/fdpass.i). */
static SV *xapi_perl_fds_sv(pTHX_ const xapi_value *v);

/* The value of a typed view; see Xapi::Cmsg's POD for the shapes. */
static void xapi_perl_put_value(pTHX_ struct xapi_perl_ctx *x, SV **slot,
                                const xapi_value *v)
{
    AV *pi;

    switch (v->kind) {
    case XAPI_VALUE_INT:
        xapi_perl_put_iv(aTHX_ slot, v->i);
        return;
    case XAPI_VALUE_PKTINFO:
        pi = (AV *)xapi_perl_put_ref(aTHX_ slot, SVt_PVAV, NULL,
                                     v->pktinfo.family == AF_INET ? 3 : 2);
        xapi_perl_put_text(aTHX_ &AvARRAY(pi)[0], v->pktinfo.addr);
        xapi_perl_put_iv(aTHX_ &AvARRAY(pi)[1], (IV)v->pktinfo.ifindex);
        if (v->pktinfo.family == AF_INET)
            xapi_perl_put_text(aTHX_ &AvARRAY(pi)[2], v->pktinfo.spec_dst);
        return;
    default:
        SvREFCNT_dec(*slot);
        *slot = v->kind == XAPI_VALUE_FDS ? xapi_perl_fds_sv(aTHX_ v)
                                          : xapi_perl_record(aTHX_ x, v);
    }
}

/* An Xapi::Cmsg: a blessed hash {level, type, data} plus, when the core's
 * one decoder gives the item a typed view, {view => NAME, value => V}.
 * v is NULL or a decoded view. */
static void xapi_perl_put_cmsg(pTHX_ struct xapi_perl_ctx *x, SV **slot,
                               const xapi_cmsg *c, const xapi_value *v)
{
    int typed = v != NULL && v->kind != XAPI_VALUE_NONE && v->name != NULL;
    HV *hv = (HV *)xapi_perl_put_ref(aTHX_ slot, SVt_PVHV, x->stash, 0);
    SV **keys = x->keys;

    xapi_perl_put_iv(aTHX_ xapi_perl_hslot(aTHX_ hv, keys[XAPI_PERL_K_LEVEL]),
                     c->level);
    xapi_perl_put_iv(aTHX_ xapi_perl_hslot(aTHX_ hv, keys[XAPI_PERL_K_TYPE]),
                     c->type);
    xapi_perl_put_bytes(aTHX_ xapi_perl_hslot(aTHX_ hv, keys[XAPI_PERL_K_DATA]),
                        (const char *)c->data, c->len);
    if (typed) {
        xapi_perl_put_text(aTHX_ xapi_perl_hslot(aTHX_ hv,
                                                 keys[XAPI_PERL_K_VIEW]),
                           v->name);
        xapi_perl_put_value(aTHX_ x, xapi_perl_hslot(aTHX_ hv,
                                                     keys[XAPI_PERL_K_VALUE]),
                            v);
    }
    /* Keys of another shape (a view the new item lacks): made anew. */
    if (HvUSEDKEYS(hv) != (typed ? 5u : 3u)) {
        hv_clear(hv);
        xapi_perl_put_cmsg(aTHX_ x, slot, c, v);
    }
}

/* The same, for callers without a context (one item at a time).  A new
 * reference. */
static SV *xapi_perl_cmsg_new(pTHX_ int level, int type, const void *data,
                              size_t len, const xapi_value *v)
{
    struct xapi_perl_ctx x;
    xapi_cmsg c;
    SV *sv = NULL;

    xapi_perl_ctx_init(aTHX_ &x);
    c.level = level;
    c.type = type;
    c.data = (const unsigned char *)data;
    c.len = len;
    xapi_perl_put_cmsg(aTHX_ &x, &sv, &c, v);
    return sv;
}

/* The shared key of a view name (every name the core gives is one of its
 * table's, xapi_view_name_at), and its bit in a set of names; NULL for a
 * name past this table's room. */
static SV *xapi_perl_view_key(struct xapi_perl_ctx *x, const char *name,
                              unsigned long long *bit)
{
    size_t k;

    /* The core's names are its table's own strings: pointers first, the
     * text only for a name from elsewhere. */
    for (k = 0; k < xapi_perl_nviews; k++)
        if (name == xapi_perl_view_names[k])
            goto found;
    for (k = 0; k < xapi_perl_nviews; k++)
        if (strcmp(name, xapi_perl_view_names[k]) == 0)
            goto found;
    return NULL;
found:
    *bit = 1ULL << (k & 63);
    return x->keys[XAPI_PERL_NFIXED + k];
}

/* Received items as the core walked and decoded them (xapi_items_parse,
 * xapi_recv_batch): an array of Xapi::Cmsg, each with its view when the
 * core gave one (a malformed known payload keeps kind NONE and only its
 * bytes). */
static void xapi_perl_put_items(pTHX_ struct xapi_perl_ctx *x, SV **slot,
                                const xapi_cmsg *c, const xapi_value *v,
                                size_t n)
{
    AV *av = (AV *)xapi_perl_put_ref(aTHX_ slot, SVt_PVAV, NULL, (SSize_t)n);
    size_t k;

    for (k = 0; k < n; k++)
        xapi_perl_put_cmsg(aTHX_ x, &AvARRAY(av)[k], &c[k], &v[k]);
}

/* The lean form of received items: every typed item's view name -> its
 * value (the shapes of Xapi::Cmsg's value), the first item of each name;
 * items without a view (unknown, or malformed) are left out. */
static void xapi_perl_put_views(pTHX_ struct xapi_perl_ctx *x, SV **slot,
                                const xapi_value *v, size_t n)
{
    HV *hv = (HV *)xapi_perl_put_ref(aTHX_ slot, SVt_PVHV, NULL, 0);
    unsigned long long seen = 0, bit = 0;
    size_t k, stored = 0;
    SV *key;

    for (k = 0; k < n; k++) {
        if (v[k].kind == XAPI_VALUE_NONE || v[k].name == NULL ||
            (key = xapi_perl_view_key(x, v[k].name, &bit)) == NULL ||
            (seen & bit) != 0)
            continue;
        seen |= bit;
        stored++;
        xapi_perl_put_value(aTHX_ x, xapi_perl_hslot(aTHX_ hv, key), &v[k]);
    }
    /* Names the new message does not have: made anew. */
    if (HvUSEDKEYS(hv) != stored) {
        hv_clear(hv);
        xapi_perl_put_views(aTHX_ x, slot, v, n);
    }
}

/* An address record (typemaps.i's xapi_perl_addr_sv) through the one
 * record builder. */
static SV *xapi_perl_addr_record(pTHX_ const xapi_value *v)
{
    struct xapi_perl_ctx x;

    xapi_perl_ctx_init(aTHX_ &x);
    return xapi_perl_record(aTHX_ &x, v);
}

/* A source address (see xapi_perl_addr_sv): [host, port] for IPv4 and
 * IPv6.  same: the core found it equal to the previous message's
 * (XAPI_BATCH_SAME_ADDR), whose text is then copied (no inet_ntop). */
static void xapi_perl_put_addr(pTHX_ struct xapi_perl_ctx *x, SV **slot,
                               const xapi_addr *a, int same)
{
    xapi_addr_view v;
    AV *pair;

    same = same && x->last_host != NULL;
    if (!same && (xapi_addr_view_of(a, &v) != XAPI_ADDR_TEXT ||
                  v.family == AF_UNIX)) {
        SvREFCNT_dec(*slot);
        *slot = xapi_perl_addr_sv(aTHX_ a);
        x->last_host = NULL;
        return;
    }
    pair = (AV *)xapi_perl_put_ref(aTHX_ slot, SVt_PVAV, NULL, 2);
    if (same) {
        xapi_perl_put_bytes(aTHX_ &AvARRAY(pair)[0], SvPVX(x->last_host),
                            SvCUR(x->last_host));
    } else {
        xapi_perl_put_text(aTHX_ &AvARRAY(pair)[0], v.host);
        x->last_port = v.port;
    }
    xapi_perl_put_iv(aTHX_ &AvARRAY(pair)[1], (IV)x->last_port);
    x->last_host = AvARRAY(pair)[0];
}

/* A received message's values into its slots (s[1], data, is the
 * caller's): s[0] the source address (same: a batch's
 * XAPI_BATCH_SAME_ADDR), s[2] the items (with views: the views hash),
 * s[3] msg_flags, s[4] the byte count. */
static void xapi_perl_put_msg(pTHX_ struct xapi_perl_ctx *x, SV ***s,
                              const xapi_addr *a, int same,
                              const xapi_cmsg *c, const xapi_value *v,
                              size_t n, int flags, size_t datalen, int views)
{
    xapi_perl_put_addr(aTHX_ x, s[0], a, same);
    if (views)
        xapi_perl_put_views(aTHX_ x, s[2], v, n);
    else
        xapi_perl_put_items(aTHX_ x, s[2], c, v, n);
    xapi_perl_put_iv(aTHX_ s[3], flags);
    xapi_perl_put_iv(aTHX_ s[4], (IV)datalen);
}

/* An array ref argument, or croak naming it. */
static AV *xapi_perl_av(pTHX_ SV *sv, const char *fn, const char *arg)
{
    SvGETMAGIC(sv);
    if (!SvROK(sv) || SvTYPE(SvRV(sv)) != SVt_PVAV)
        xapi_perl_croak_arg(aTHX_ fn, arg, "not an array reference");
    return (AV *)SvRV(sv);
}

/* Element i of av, or croak (a hole in the array). */
static SV *xapi_perl_elem(pTHX_ AV *av, SSize_t i, const char *fn,
                          const char *arg)
{
    SV **e = av_fetch(av, i, 0);

    if (e == NULL)
        xapi_perl_croak_arg(aTHX_ fn, arg, "element %ld is missing", (long)i);
    return *e;
}

/* Is sv tied (a tied array or hash, a tied scalar or element)? */
static int xapi_perl_tied(SV *sv)
{
    return SvMAGICAL(sv) && (mg_find(sv, PERL_MAGIC_tied) != NULL ||
                             mg_find(sv, PERL_MAGIC_tiedelem) != NULL ||
                             mg_find(sv, PERL_MAGIC_tiedscalar) != NULL);
}

/* av, a list whose bytes are pointed into while the rest is read: no Perl
 * code may run in between (a FETCH could change or free an element read
 * before), so a tied array is refused. */
static AV *xapi_perl_untied(pTHX_ AV *av, const char *fn, const char *arg)
{
    if (xapi_perl_tied((SV *)av))
        xapi_perl_croak_arg(aTHX_ fn, arg, "a tied array, a plain one is "
                            "needed");
    return av;
}

/* Element i of such a list, as xapi_perl_elem: a tied element is refused
 * too. */
static SV *xapi_perl_elem_plain(pTHX_ AV *av, SSize_t i, const char *fn,
                                const char *arg)
{
    SV *e = xapi_perl_elem(aTHX_ xapi_perl_untied(aTHX_ av, fn, arg), i, fn,
                           arg);

    if (xapi_perl_tied(e))
        xapi_perl_croak_arg(aTHX_ fn, arg, "element %ld is tied, a plain "
                            "value is needed", (long)i);
    return e;
}

/* One item to send: an Xapi::Cmsg (any hash with level, type and data) or
 * [level, type, data]. */
static void xapi_perl_item(pTHX_ SV **keys, SV *sv, xapi_item *it,
                           const char *fn, const char *arg)
{
    SV *level = NULL, *type = NULL, *data = NULL;
    STRLEN len;

    SvGETMAGIC(sv);
    if (SvROK(sv) && SvTYPE(SvRV(sv)) == SVt_PVHV) {
        HV *hv = (HV *)SvRV(sv);
        SV *l, *t, *d;

        /* Items are pointed into while the others are read: no code may
         * run (see xapi_perl_elem_plain). */
        if (xapi_perl_tied((SV *)hv))
            xapi_perl_croak_arg(aTHX_ fn, arg, "an item is a tied hash, a "
                                "plain one is needed");
        l = xapi_perl_fetch(aTHX_ keys, hv, XAPI_PERL_K_LEVEL);
        t = xapi_perl_fetch(aTHX_ keys, hv, XAPI_PERL_K_TYPE);
        d = xapi_perl_fetch(aTHX_ keys, hv, XAPI_PERL_K_DATA);
        if ((l != NULL && xapi_perl_tied(l)) ||
            (t != NULL && xapi_perl_tied(t)) ||
            (d != NULL && xapi_perl_tied(d)))
            xapi_perl_croak_arg(aTHX_ fn, arg, "an item holds a tied value, "
                                "a plain one is needed");
        if (l != NULL && t != NULL && d != NULL) {
            level = l;
            type = t;
            data = d;
        }
    } else if (SvROK(sv) && SvTYPE(SvRV(sv)) == SVt_PVAV &&
               !xapi_perl_tied(SvRV(sv)) && av_len((AV *)SvRV(sv)) == 2) {
        AV *av = (AV *)SvRV(sv);

        level = xapi_perl_elem_plain(aTHX_ av, 0, fn, arg);
        type = xapi_perl_elem_plain(aTHX_ av, 1, fn, arg);
        data = xapi_perl_elem_plain(aTHX_ av, 2, fn, arg);
    }
    if (level == NULL)
        xapi_perl_croak_arg(aTHX_ fn, arg,
                            "an item is not an Xapi::Cmsg or [level, type, "
                            "data]");
    it->level = (int)xapi_perl_iv(aTHX_ level, INT_MIN, INT_MAX, fn, "level");
    it->type = (int)xapi_perl_iv(aTHX_ type, INT_MIN, INT_MAX, fn, "type");
    it->data = xapi_perl_bytes(aTHX_ data, &len, fn, "data");
    it->len = (size_t)len;
}

/* A list of items to send (undef or [] for none) as xapi_item structs:
 * in stack (stackn of them) when they fit, else in a mortal buffer.  The
 * payloads point into the Perl values: valid for the statement.  keys:
 * the interpreter's (xapi_perl_guts), or NULL to look them up here. */
#define XAPI_PERL_STACK_ITEMS 8
static xapi_item *xapi_perl_items(pTHX_ SV **keys, SV *list, xapi_item *stack,
                                  size_t stackn, size_t *count,
                                  const char *fn, const char *arg)
{
    xapi_item *items = stack;
    SSize_t n, i;
    AV *av;

    *count = 0;
    SvGETMAGIC(list);
    if (!SvOK(list))
        return stack;
    av = xapi_perl_untied(aTHX_ xapi_perl_av(aTHX_ list, fn, arg), fn, arg);
    n = av_len(av) + 1;
    if ((size_t)n > XAPI_MAX_ANC / sizeof(struct cmsghdr))
        xapi_perl_croak_arg(aTHX_ fn, arg, "too many items");
    if ((size_t)n > stackn)
        items = (xapi_item *)SvPVX(
            sv_2mortal(newSV((STRLEN)n * sizeof(*items))));
    if (keys == NULL && n > 0)
        keys = xapi_perl_guts(aTHX);
    for (i = 0; i < n; i++)
        xapi_perl_item(aTHX_ keys, xapi_perl_elem_plain(aTHX_ av, i, fn, arg),
                       &items[i], fn, arg);
    *count = (size_t)n;
    return items;
}

/* The pieces of a message to send: an array ref of byte strings, or (when
 * one_ok) one byte string.  iov has room for stackn pieces; more go into
 * a mortal buffer.  Returns the iovec array, *n its length.  Pieces point
 * into the Perl values (or mortal copies): valid for the statement. */
static struct iovec *xapi_perl_pieces(pTHX_ SV *sv, int one_ok,
                                      struct iovec *stack, SSize_t stackn,
                                      SSize_t *count, const char *fn,
                                      const char *arg)
{
    struct iovec *iov = stack;
    size_t total = 0;
    SSize_t n, i;
    AV *av;

    SvGETMAGIC(sv);
    if (one_ok && SvOK(sv) && !SvROK(sv)) {
        STRLEN len;

        stack[0].iov_base = (void *)xapi_perl_bytes(aTHX_ sv, &len, fn, arg);
        stack[0].iov_len = len;
        if (len > XAPI_MAX_DATA)
            xapi_perl_croak_arg(aTHX_ fn, arg, "more than %ld bytes",
                                (long)XAPI_PERL_MAX_PIECE);
        *count = 1;
        return stack;
    }
    if (one_ok && (!SvROK(sv) || SvTYPE(SvRV(sv)) != SVt_PVAV))
        xapi_perl_croak_arg(aTHX_ fn, arg,
                            "not a byte string or an array reference");
    av = xapi_perl_untied(aTHX_ xapi_perl_av(aTHX_ sv, fn, arg), fn, arg);
    n = av_len(av) + 1;
    if (n > XAPI_PERL_MAX_PIECES)
        xapi_perl_croak_arg(aTHX_ fn, arg, "more than %ld pieces",
                            (long)XAPI_PERL_MAX_PIECES);
    if (n > stackn)
        iov = (struct iovec *)SvPVX(
            sv_2mortal(newSV((STRLEN)n * sizeof(*iov))));
    for (i = 0; i < n; i++) {
        STRLEN len;

        iov[i].iov_base = (void *)xapi_perl_bytes(
            aTHX_ xapi_perl_elem_plain(aTHX_ av, i, fn, arg), &len, fn, arg);
        iov[i].iov_len = len;
        if (len > XAPI_MAX_DATA - total)
            xapi_perl_croak_arg(aTHX_ fn, arg, "more than %ld bytes in all",
                                (long)XAPI_PERL_MAX_PIECE);
        total += len;
    }
    *count = n;
    return iov;
}

/* Small calls keep their scratch on the C stack; bigger ones use a mortal
 * SV's buffer (freed by Perl, also on a croak). */
static void *xapi_perl_scratch(pTHX_ size_t len)
{
    return SvPVX(sv_2mortal(newSV(len > 0 ? len : 1)));
}

/*
 * The RECV_MSG shape (typemaps.i): a receive request [\@sizes, $ancsize]
 * read into an xapi_msg whose pieces are the result strings themselves
 * (received into, then cut to what arrived), and the whole message built
 * from it after the core's xapi_recvmsg.  Every size is checked before
 * anything is allocated; scratch is on the C stack for small requests,
 * else in mortal buffers, so a croak anywhere leaks nothing.  The
 * interpreter's reuse array (after the shared keys, xapi_perl_guts) holds
 * the last receive's [address, data, items], for the slot writers.
 */
struct xapi_perl_recvbuf {
    xapi_msg m;
    int errno_in;               /* the caller's, put back after a receive */
    struct xapi_perl_ctx x;     /* the call's, made once */
    AV *data;                   /* the pieces, received into */
    struct iovec iov_stack[XAPI_PERL_STACK_PIECES];
    union {
        struct cmsghdr align;
        unsigned char b[XAPI_PERL_STACK_ANC];
    } control_stack;
};

static SV **xapi_perl_recv_reuse(SV **keys)
{
    return AvARRAY((AV *)SvRV(keys[xapi_perl_nkeys]));
}

static void xapi_perl_recvbuf_get(pTHX_ struct xapi_perl_recvbuf *rb,
                                  SV *req, const char *fn)
{
    SV **sizes_sv, **anc_sv;
    AV *reqav, *sizes;
    SSize_t n, i;
    struct iovec *iov = rb->iov_stack;
    IV total = 0, anc = 0;

    memset(&rb->m, 0, sizeof(rb->m));
    SvGETMAGIC(req);
    if (!SvROK(req) || SvTYPE(SvRV(req)) != SVt_PVAV ||
        av_len((AV *)SvRV(req)) > 1)
        xapi_perl_croak_arg(aTHX_ fn, "request",
                            "not [\\@sizes, $ancsize]");
    reqav = (AV *)SvRV(req);
    sizes_sv = av_fetch(reqav, 0, 0);
    anc_sv = av_fetch(reqav, 1, 0);
    if (sizes_sv == NULL)
        xapi_perl_croak_arg(aTHX_ fn, "sizes", "not an array reference");
    sizes = xapi_perl_av(aTHX_ *sizes_sv, fn, "sizes");
    n = av_len(sizes) + 1;
    if (n > XAPI_PERL_MAX_PIECES)
        xapi_perl_croak_arg(aTHX_ fn, "sizes", "more than %ld pieces",
                            (long)XAPI_PERL_MAX_PIECES);
    if (anc_sv != NULL && xapi_perl_given(aTHX_ anc_sv))
        anc = xapi_perl_iv(aTHX_ *anc_sv, 0, XAPI_PERL_MAX_ANC, fn,
                           "ancsize");
    if (n > XAPI_PERL_STACK_PIECES)
        iov = (struct iovec *)xapi_perl_scratch(aTHX_ (size_t)n *
                                                sizeof(*iov));
    for (i = 0; i < n; i++) {
        IV size = xapi_perl_iv(aTHX_ xapi_perl_elem(aTHX_ sizes, i, fn,
                                                    "sizes"),
                               0, XAPI_PERL_MAX_PIECE, fn, "sizes");

        if (size > XAPI_PERL_MAX_PIECE - total)
            xapi_perl_croak_arg(aTHX_ fn, "sizes", "more than %ld bytes in "
                                "all", (long)XAPI_PERL_MAX_PIECE);
        total += size;
        iov[i].iov_len = (size_t)size;
    }
    /* The previous receive's list of pieces and its pieces, those nothing
     * holds any more, are received into again.  A mortal reference marks
     * the list taken until the statement ends, so that a receive made
     * while the other arguments are read (a tied FETCH) makes its own. */
    xapi_perl_ctx_init(aTHX_ &rb->x);
    rb->data = (AV *)xapi_perl_put_ref(
        aTHX_ &xapi_perl_recv_reuse(rb->x.keys)[1], SVt_PVAV, NULL, n);
    (void)sv_2mortal(SvREFCNT_inc_simple_NN((SV *)rb->data));
    for (i = 0; i < n; i++) {
        SV *piece = xapi_perl_slot_sv(aTHX_ &AvARRAY(rb->data)[i]);

        SV_CHECK_THINKFIRST_COW_DROP(piece);
        SvUPGRADE(piece, SVt_PV);
        /* +1: room for the NUL, and a buffer even for a 0-byte piece. */
        (void)SvGROW(piece, iov[i].iov_len + 1);
        SvPOK_only(piece);
        iov[i].iov_base = SvPVX(piece);
    }
    rb->m.iov = iov;
    rb->m.iovlen = (size_t)n;
    if (anc > 0) {
        rb->m.control = anc <= XAPI_PERL_STACK_ANC
            ? (void *)rb->control_stack.b
            : xapi_perl_scratch(aTHX_ (size_t)anc);
        rb->m.controllen = (size_t)anc;
    }
}

/* The received message, into out (room for 5): the pieces cut to what
 * arrived, the items walked and decoded by the core's xapi_items_parse
 * (as a receive reads them: a lying length ends the walk, keeping the
 * items before it); in list context its five values, else one hash ref
 * with the keys address, data, cmsgs, flags, nbytes.  The results are
 * mortal; errno is left alone.  Returns how many were put. */
#define XAPI_PERL_STACK_PARSED 8
static int xapi_perl_recvbuf_put(pTHX_ struct xapi_perl_recvbuf *rb,
                                 int list, SV **out)
{
    static const int keys[5] = {
        XAPI_PERL_K_ADDRESS, XAPI_PERL_K_DATA, XAPI_PERL_K_CMSGS,
        XAPI_PERL_K_FLAGS, XAPI_PERL_K_NBYTES
    };
    const xapi_msg *m = &rb->m;
    struct xapi_perl_ctx *x = &rb->x;
    xapi_cmsg cmsgs_stack[XAPI_PERL_STACK_PARSED], *cmsgs = cmsgs_stack;
    xapi_value values_stack[XAPI_PERL_STACK_PARSED], *values = values_stack;
    size_t count = 0, i;
    int saved = errno;
    SV **reuse = xapi_perl_recv_reuse(x->keys), *vals[5] = { NULL };
    SV **s[5] = { &reuse[0], &vals[1], &reuse[2], &vals[3], &vals[4] };
    HV *hv;

    for (i = 0; i < m->iovlen; i++) {
        SV *piece = AvARRAY(rb->data)[i];
        size_t got = xapi_msg_piece_len(m, i);

        SvCUR_set(piece, got);
        *SvEND(piece) = '\0';
        /* Don't keep a large buffer alive for a few bytes. */
        if (SvLEN(piece) - got > 4096)
            SvPV_shrink_to_cur(piece);
    }
    /* One walk when the items fit the stack; more (ENOSPC) are counted,
     * then parsed into scratch.  A failure leaves count 0. */
    if (m->control != NULL && m->controllen > 0 &&
        xapi_items_parse(m->control, m->controllen, cmsgs, values,
                         XAPI_PERL_STACK_PARSED, &count, 0, NULL) < 0) {
        size_t cap = xapi_items_count(m->control, m->controllen);

        cmsgs = (xapi_cmsg *)xapi_perl_scratch(aTHX_ cap * sizeof(*cmsgs));
        values = (xapi_value *)xapi_perl_scratch(aTHX_ cap * sizeof(*values));
        (void)xapi_items_parse(m->control, m->controllen, cmsgs, values, cap,
                               &count, 0, NULL);
    }
    errno = saved;
    xapi_perl_put_msg(aTHX_ x, s, &m->addr, 0, cmsgs, values, count,
                      m->flags, m->datalen, 0);
    vals[0] = SvROK(reuse[0]) ? newRV_inc(SvRV(reuse[0]))
                              : newSVsv(reuse[0]);
    vals[1] = newRV_inc((SV *)rb->data);
    vals[2] = newRV_inc(SvRV(reuse[2]));
    if (list) {
        for (i = 0; i < 5; i++)
            out[i] = sv_2mortal(vals[i]);
        return 5;
    }
    hv = newHV();
    for (i = 0; i < 5; i++)
        (void)hv_store_ent(hv, x->keys[keys[i]], vals[i], 0);
    out[0] = sv_2mortal(newRV_noinc((SV *)hv));
    return 1;
}

%}

%init %{
  xapi_perl_tables_init();
%}
