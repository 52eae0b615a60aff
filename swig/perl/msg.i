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
 * (see xapi_perl_guts below).  A call also remembers the last pktinfo item
 * and the last source address it turned into Perl text: consecutive
 * datagrams from one peer to one address, the common case in a batch,
 * then copy the earlier result's text (the source address also skips
 * its inet_ntop).  Strings handed to Perl are plain copies, never shared or
 * copy-on-write ones: those are cheaper to make but dearer to every
 * consumer.
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
}

static size_t xapi_perl_nkeys(void)
{
    size_t i = 0;
    while (i < XAPI_PERL_MAX_RECORDS && xapi_perl_recs[i] != NULL)
        i++;
    return xapi_perl_rec_key0[i];
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
    AV *av;
    int k;
    size_t i;

    if (svp != NULL && SvROK(*svp))
        return AvARRAY((AV *)SvRV(*svp));
    av = newAV();
    av_extend(av, (SSize_t)xapi_perl_nkeys());
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
    /* After the keys: recvmsg's reuse array (xapi_perl_recv_reuse). */
    av_push(av, newRV_noinc((SV *)newAV()));
    (void)hv_stores(PL_modglobal, XAPI_PERL_GUTS_KEY, newRV_noinc((SV *)av));
    return AvARRAY(av);
}

struct xapi_perl_ctx {
    SV **keys;                      /* the interpreter's (xapi_perl_guts) */
    HV *stash;                      /* Xapi::Cmsg */
    /* The last pktinfo decoded: its payload and its address text. */
    const unsigned char *pi_raw;
    size_t pi_len;
    int pi_level, pi_type;
    SV *pi_addr;
    /* The last source address turned into text. */
    xapi_addr last_addr;
    SV *last_host;
};

/* Ready for one call; everything it makes is mortal or owned by results. */
static void xapi_perl_ctx_init(pTHX_ struct xapi_perl_ctx *x)
{
    x->keys = xapi_perl_guts(aTHX);
    x->stash = gv_stashpvs("Xapi::Cmsg", GV_ADD);
    x->pi_raw = NULL;
    x->pi_len = 0;
    x->pi_level = x->pi_type = 0;
    x->pi_addr = NULL;
    x->last_addr.len = 0;
    x->last_host = NULL;
}

/* The value under key k of hv, or NULL (through the shared key: no
 * hashing).  Tied hashes are read through their FETCH, as hv_fetch does. */
static SV *xapi_perl_fetch(pTHX_ HV *hv, int k)
{
    HE *he = hv_fetch_ent(hv, xapi_perl_guts(aTHX)[k], 0, 0);

    return he != NULL ? HeVAL(he) : NULL;
}

/* Stores val under key k (a new reference is taken over). */
#define XAPI_PERL_STORE(x, hv, k, val)                                      \
    (void)hv_store_ent((hv), (x)->keys[k], (val), 0)

/* The view's name as a new SV.  A plain copy: a shared or copy-on-write
 * string would be cheaper to make but dearer to every consumer, which
 * must unshare it when a lexical holding it goes out of scope. */
static SV *xapi_perl_view_name(pTHX_ const xapi_value *v)
{
    return newSVpvn(v->name, strlen(v->name));
}

/* A copy of a text SV made earlier in the call (see above). */
static SV *xapi_perl_copy_text(pTHX_ SV *sv)
{
    return newSVpvn(SvPVX(sv), SvCUR(sv));
}

static SV *xapi_perl_text(pTHX_ const char *s)
{
    return newSVpvn(s, strlen(s));
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
/* The value of a typed view; see Xapi::Cmsg's POD for the shapes. */
static SV *xapi_perl_view_value(pTHX_ struct xapi_perl_ctx *x,
                                const xapi_cmsg *c, const xapi_value *v)
{
    switch (v->kind) {
    case XAPI_VALUE_PKTINFO: {
        AV *pi = newAV();
        SV *addr;

        av_extend(pi, 2);
        if (x->pi_addr != NULL && x->pi_len == c->len &&
            x->pi_level == c->level && x->pi_type == c->type &&
            memcmp(x->pi_raw, c->data, c->len) == 0)
            addr = xapi_perl_copy_text(aTHX_ x->pi_addr);
        else
            addr = xapi_perl_text(aTHX_ v->pktinfo.addr);
        av_push(pi, addr);
        av_push(pi, newSVuv(v->pktinfo.ifindex));
        if (v->pktinfo.family == AF_INET)
            av_push(pi, xapi_perl_text(aTHX_ v->pktinfo.spec_dst));
        x->pi_raw = c->data;
        x->pi_len = c->len;
        x->pi_level = c->level;
        x->pi_type = c->type;
        x->pi_addr = addr;
        return newRV_noinc((SV *)pi);
    }
    case XAPI_VALUE_INT:
        return newSViv(v->i);
    default:
        return xapi_perl_record(aTHX_ x, v);
    }
}

/* SCM_RIGHTS values (swig/perl/fdpass.i), else the builder above. */
static SV *xapi_perl_view_value_fds(pTHX_ struct xapi_perl_ctx *x,
                                    const xapi_cmsg *c, const xapi_value *v);

/* An Xapi::Cmsg: a blessed hash {level, type, data} plus, when the core's
 * one decoder gives the item a typed view, {view => NAME, value => V}.
 * v is NULL or a decoded view.  A new reference. */
static SV *xapi_perl_cmsg_make(pTHX_ struct xapi_perl_ctx *x,
                               const xapi_cmsg *c, const xapi_value *v)
{
    HV *hv = newHV();
    SV *rv;

    XAPI_PERL_STORE(x, hv, XAPI_PERL_K_LEVEL, newSViv(c->level));
    XAPI_PERL_STORE(x, hv, XAPI_PERL_K_TYPE, newSViv(c->type));
    XAPI_PERL_STORE(x, hv, XAPI_PERL_K_DATA,
                    newSVpvn((const char *)c->data, c->len));
    if (v != NULL && v->kind != XAPI_VALUE_NONE && v->name != NULL) {
        XAPI_PERL_STORE(x, hv, XAPI_PERL_K_VIEW,
                        xapi_perl_view_name(aTHX_ v));
        XAPI_PERL_STORE(x, hv, XAPI_PERL_K_VALUE,
                        xapi_perl_view_value_fds(aTHX_ x, c, v));
    }
    rv = newRV_noinc((SV *)hv);
    return sv_bless(rv, x->stash);
}

/* The same, for callers without a context (one item at a time). */
static SV *xapi_perl_cmsg_new(pTHX_ int level, int type, const void *data,
                              size_t len, const xapi_value *v)
{
    struct xapi_perl_ctx x;
    xapi_cmsg c;

    xapi_perl_ctx_init(aTHX_ &x);
    c.level = level;
    c.type = type;
    c.data = (const unsigned char *)data;
    c.len = len;
    return xapi_perl_cmsg_make(aTHX_ &x, &c, v);
}

/* The shared key of a view name, or NULL for a name this table does not
 * have (a view added to the core later: stored through its text). */
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
    *bit = 0;
    return NULL;
found:
    *bit = 1ULL << (k & 63);
    return x->keys[XAPI_PERL_NFIXED + k];
}

/* Received items as the core walked and decoded them (xapi_items_parse,
 * xapi_recv_batch): a new array of Xapi::Cmsg, each with its view when
 * the core gave one (a malformed known payload keeps kind NONE and only
 * its bytes). */
static AV *xapi_perl_items_av(pTHX_ struct xapi_perl_ctx *x,
                              const xapi_cmsg *c, const xapi_value *v,
                              size_t n)
{
    AV *av = newAV();
    size_t k;

    if (n > 0)
        av_extend(av, (SSize_t)n - 1);
    for (k = 0; k < n; k++)
        av_push(av, xapi_perl_cmsg_make(aTHX_ x, &c[k], &v[k]));
    return av;
}

/* The lean form of received items: every typed item's view name -> its
 * value (the shapes of Xapi::Cmsg's value), the first item of each name;
 * items without a view (unknown, or malformed) are left out.  A new
 * hash. */
static HV *xapi_perl_views_hv(pTHX_ struct xapi_perl_ctx *x,
                              const xapi_cmsg *c, const xapi_value *v,
                              size_t n)
{
    HV *hv = newHV();
    unsigned long long seen = 0, bit;
    size_t k;
    SV *key;

    for (k = 0; k < n; k++) {
        if (v[k].kind == XAPI_VALUE_NONE || v[k].name == NULL)
            continue;
        key = xapi_perl_view_key(x, v[k].name, &bit);
        if (key != NULL ? (seen & bit) != 0
                        : hv_exists(hv, v[k].name, (I32)strlen(v[k].name)))
            continue;
        seen |= bit;
        if (key != NULL)
            (void)hv_store_ent(hv, key,
                               xapi_perl_view_value_fds(aTHX_ x, &c[k], &v[k]),
                               0);
        else
            (void)hv_store(hv, v[k].name, (I32)strlen(v[k].name),
                           xapi_perl_view_value_fds(aTHX_ x, &c[k], &v[k]), 0);
    }
    return hv;
}

/* An address record (typemaps.i's xapi_perl_addr_sv) through the one
 * record builder. */
static SV *xapi_perl_addr_record(pTHX_ const xapi_value *v)
{
    struct xapi_perl_ctx x;

    xapi_perl_ctx_init(aTHX_ &x);
    return xapi_perl_record(aTHX_ &x, v);
}

/* A source address as a new SV (see xapi_perl_addr_sv), reusing the text
 * of the previous one when the sockaddr is the same. */
static SV *xapi_perl_addr_cached(pTHX_ struct xapi_perl_ctx *x,
                                 const xapi_addr *a)
{
    AV *pair;
    unsigned port;
    const struct sockaddr *sa = (const struct sockaddr *)&a->ss;

    if (a->len == 0 || (sa->sa_family != AF_INET6 &&
                        sa->sa_family != AF_INET))
        return xapi_perl_addr_sv(aTHX_ a);
    if (x->last_host != NULL && x->last_addr.len == a->len &&
        memcmp(&x->last_addr.ss, &a->ss, a->len) == 0) {
        port = sa->sa_family == AF_INET6
            ? ntohs(((const struct sockaddr_in6 *)sa)->sin6_port)
            : ntohs(((const struct sockaddr_in *)sa)->sin_port);
        pair = newAV();
        av_extend(pair, 1);
        av_push(pair, xapi_perl_copy_text(aTHX_ x->last_host));
        av_push(pair, newSVuv(port));
        return newRV_noinc((SV *)pair);
    } else {
        SV *rv = xapi_perl_addr_sv(aTHX_ a);

        if (SvROK(rv)) {
            SV **host = av_fetch((AV *)SvRV(rv), 0, 0);

            if (host != NULL) {
                x->last_host = *host;
                memcpy(&x->last_addr.ss, &a->ss, a->len);
                x->last_addr.len = a->len;
            }
        }
        return rv;
    }
}

/*
 * Rewriting the previous call's messages in place (recvmsg, and a views
 * batch's array form).  A receive loop drops each call's messages before
 * the next call; the call's reuse array (the interpreter's for recvmsg,
 * the batch's \@reuse) still holds them, so the next call finds every
 * container and scalar held by nothing else (reference count 1) and
 * writes the new values into them: no allocation and no freeing per
 * message, the strings' buffers reused.  Anything the caller still holds,
 * or made special (magic: tied, weakened, blessed, read-only; a hash that
 * was iterated), is left alone and built anew, so what a caller sees is
 * the same as with new values: every message its own.
 */

/* May sv, held by nothing but the previous results, be rewritten?  type:
 * SVt_PVAV, SVt_PVHV, or SVt_NULL for a plain scalar. */
static int xapi_perl_mine(SV *sv, svtype type)
{
    if (sv == NULL || SvREFCNT(sv) != 1 || SvMAGICAL(sv) ||
        SvREADONLY(sv) || SvOBJECT(sv))
        return 0;
    switch (type) {
    case SVt_PVAV:
        return SvTYPE(sv) == SVt_PVAV && AvREAL((AV *)sv);
    case SVt_PVHV:
        return SvTYPE(sv) == SVt_PVHV && !SvOOK(sv);
    default:
        return SvTYPE(sv) <= SVt_PVMG && SvTYPE(sv) != SVt_INVLIST;
    }
}

/* The array behind the reference sv when both are mine and it has n
 * elements, each a plain scalar of mine; else NULL. */
static AV *xapi_perl_mine_av(SV *sv, SSize_t n)
{
    AV *av;
    SSize_t i;

    if (!xapi_perl_mine(sv, SVt_NULL) || !SvROK(sv) ||
        !xapi_perl_mine(SvRV(sv), SVt_PVAV))
        return NULL;
    av = (AV *)SvRV(sv);
    if (AvFILLp(av) != n - 1)
        return NULL;
    for (i = 0; i < n; i++)
        if (!xapi_perl_mine(AvARRAY(av)[i], SVt_NULL) ||
            SvROK(AvARRAY(av)[i]))
            return NULL;
    return av;
}

/* *slot (an element of a container of mine) set to the integer n: in
 * place when it is mine, else a new scalar in its place. */
static void xapi_perl_put_iv(pTHX_ SV **slot, IV n)
{
    if (xapi_perl_mine(*slot, SVt_NULL)) {
        sv_setiv(*slot, n);
    } else {
        SvREFCNT_dec(*slot);
        *slot = newSViv(n);
    }
}

/* sv (a scalar of mine) set to the bytes p: its buffer reused, no UTF-8
 * flag (sv_setpvn keeps one the scalar had). */
static void xapi_perl_set_bytes(pTHX_ SV *sv, const char *p, size_t len)
{
    sv_setpvn(sv, p, len);
    SvUTF8_off(sv);
}

static void xapi_perl_put_bytes(pTHX_ SV **slot, const char *p, size_t len)
{
    if (xapi_perl_mine(*slot, SVt_NULL)) {
        xapi_perl_set_bytes(aTHX_ *slot, p, len);
    } else {
        SvREFCNT_dec(*slot);
        *slot = newSVpvn(p, len);
    }
}

/* A source address rewritten into sv ([host, port], as
 * xapi_perl_addr_cached makes it); 0 when sv is not one of mine or the
 * address is not IPv4 or IPv6 text (the caller makes a new one). */
static int xapi_perl_addr_update(pTHX_ struct xapi_perl_ctx *x, SV *sv,
                                 const xapi_addr *a)
{
    const struct sockaddr *sa = (const struct sockaddr *)&a->ss;
    AV *pair;
    SV *host;

    if (a->len == 0 || (sa->sa_family != AF_INET6 &&
                        sa->sa_family != AF_INET) ||
        (pair = xapi_perl_mine_av(sv, 2)) == NULL)
        return 0;
    host = AvARRAY(pair)[0];
    if (x->last_host != NULL && x->last_addr.len == a->len &&
        memcmp(&x->last_addr.ss, &a->ss, a->len) == 0) {
        xapi_perl_set_bytes(aTHX_ host, SvPVX(x->last_host),
                            SvCUR(x->last_host));
        sv_setuv(AvARRAY(pair)[1], sa->sa_family == AF_INET6
                 ? ntohs(((const struct sockaddr_in6 *)sa)->sin6_port)
                 : ntohs(((const struct sockaddr_in *)sa)->sin_port));
    } else {
        xapi_addr_view v;

        if (xapi_addr_view_of(a, &v) != XAPI_ADDR_TEXT ||
            v.family == AF_UNIX)
            return 0;
        xapi_perl_set_bytes(aTHX_ host, v.host, strlen(v.host));
        sv_setuv(AvARRAY(pair)[1], v.port);
        x->last_host = host;
        memcpy(&x->last_addr.ss, &a->ss, a->len);
        x->last_addr.len = a->len;
    }
    return 1;
}

/* A view's value rewritten into sv (an integer, or a pktinfo array); 0
 * when sv is not one of mine or of the value's shape, or the value is of
 * another kind (the caller makes a new one). */
static int xapi_perl_value_update(pTHX_ SV *sv, const xapi_value *v)
{
    AV *pi;

    switch (v->kind) {
    case XAPI_VALUE_INT:
        if (!xapi_perl_mine(sv, SVt_NULL) || SvROK(sv))
            return 0;
        sv_setiv(sv, v->i);
        return 1;
    case XAPI_VALUE_PKTINFO:
        pi = xapi_perl_mine_av(sv, v->pktinfo.family == AF_INET ? 3 : 2);
        if (pi == NULL)
            return 0;
        xapi_perl_set_bytes(aTHX_ AvARRAY(pi)[0], v->pktinfo.addr,
                            strlen(v->pktinfo.addr));
        sv_setuv(AvARRAY(pi)[1], v->pktinfo.ifindex);
        if (v->pktinfo.family == AF_INET)
            xapi_perl_set_bytes(aTHX_ AvARRAY(pi)[2], v->pktinfo.spec_dst,
                                strlen(v->pktinfo.spec_dst));
        return 1;
    default:
        return 0;
    }
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

/* Element i of av, as xapi_perl_elem, for lists whose bytes are pointed
 * into while the rest is read: no Perl code may run in between (a FETCH
 * could change or free an element read before), so a tied array or a
 * tied element is refused. */
static SV *xapi_perl_elem_plain(pTHX_ AV *av, SSize_t i, const char *fn,
                                const char *arg)
{
    SV *e;

    if (xapi_perl_tied((SV *)av))
        xapi_perl_croak_arg(aTHX_ fn, arg, "a tied array, a plain one is "
                            "needed");
    e = xapi_perl_elem(aTHX_ av, i, fn, arg);
    if (xapi_perl_tied(e))
        xapi_perl_croak_arg(aTHX_ fn, arg, "element %ld is tied, a plain "
                            "value is needed", (long)i);
    return e;
}

/* One item to send: an Xapi::Cmsg (any hash with level, type and data) or
 * [level, type, data]. */
static void xapi_perl_item(pTHX_ SV *sv, xapi_item *it, const char *fn,
                           const char *arg)
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
        l = xapi_perl_fetch(aTHX_ hv, XAPI_PERL_K_LEVEL);
        t = xapi_perl_fetch(aTHX_ hv, XAPI_PERL_K_TYPE);
        d = xapi_perl_fetch(aTHX_ hv, XAPI_PERL_K_DATA);
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
 * payloads point into the Perl values: valid for the statement. */
#define XAPI_PERL_STACK_ITEMS 8
static xapi_item *xapi_perl_items(pTHX_ SV *list, xapi_item *stack,
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
    av = xapi_perl_av(aTHX_ list, fn, arg);
    if (xapi_perl_tied((SV *)av))
        xapi_perl_croak_arg(aTHX_ fn, arg, "a tied array, a plain one is "
                            "needed");
    n = av_len(av) + 1;
    if ((size_t)n > XAPI_MAX_ANC / sizeof(struct cmsghdr))
        xapi_perl_croak_arg(aTHX_ fn, arg, "too many items");
    if ((size_t)n > stackn)
        items = (xapi_item *)SvPVX(
            sv_2mortal(newSV((STRLEN)n * sizeof(*items))));
    for (i = 0; i < n; i++)
        xapi_perl_item(aTHX_ xapi_perl_elem_plain(aTHX_ av, i, fn, arg),
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
    av = xapi_perl_av(aTHX_ sv, fn, arg);
    if (xapi_perl_tied((SV *)av))
        xapi_perl_croak_arg(aTHX_ fn, arg, "a tied array, a plain one is "
                            "needed");
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

/* A new array holding n new references (taken over, not copied). */
static AV *xapi_perl_av_take(pTHX_ SV **vals, SSize_t n)
{
    AV *av = newAV();

    av_extend(av, n - 1);
    Copy(vals, AvARRAY(av), n, SV *);
    AvFILLp(av) = n - 1;
    return av;
}

/* An Xapi::Cmsg of the previous receive (old, a reference) rewritten
 * with item c and its view v; 0 when old is not one of mine (blessed into
 * Xapi::Cmsg by the call that made it, nothing else holding it) or has
 * keys other than such an item has (a new one is made then). */
static int xapi_perl_cmsg_update(pTHX_ struct xapi_perl_ctx *x, SV *old,
                                 const xapi_cmsg *c, const xapi_value *v)
{
    static const int keys[5] = {
        XAPI_PERL_K_LEVEL, XAPI_PERL_K_TYPE, XAPI_PERL_K_DATA,
        XAPI_PERL_K_VIEW, XAPI_PERL_K_VALUE
    };
    int typed = v != NULL && v->kind != XAPI_VALUE_NONE && v->name != NULL;
    int nkeys = typed ? 5 : 3, k;
    SV **slot[5];
    HV *hv;

    if (old == NULL || !xapi_perl_mine(old, SVt_NULL) || !SvROK(old))
        return 0;
    hv = (HV *)SvRV(old);
    if (SvTYPE(hv) != SVt_PVHV || SvREFCNT(hv) != 1 || SvMAGICAL(hv) ||
        SvREADONLY(hv) || SvOOK(hv) || !SvOBJECT(hv) ||
        SvSTASH(hv) != x->stash || HvUSEDKEYS(hv) != (STRLEN)nkeys)
        return 0;
    for (k = 0; k < nkeys; k++) {
        HE *he = hv_fetch_ent(hv, x->keys[keys[k]], 0, 0);

        if (he == NULL)
            return 0;
        slot[k] = &HeVAL(he);
    }
    xapi_perl_put_iv(aTHX_ slot[0], c->level);
    xapi_perl_put_iv(aTHX_ slot[1], c->type);
    xapi_perl_put_bytes(aTHX_ slot[2], (const char *)c->data, c->len);
    if (typed) {
        xapi_perl_put_bytes(aTHX_ slot[3], v->name, strlen(v->name));
        if (!xapi_perl_value_update(aTHX_ *slot[4], v)) {
            SV *nv = xapi_perl_view_value_fds(aTHX_ x, c, v);

            SvREFCNT_dec(*slot[4]);
            *slot[4] = nv;
        }
    }
    return 1;
}

/* The items of a receive written into the previous receive's list behind
 * old (xapi_perl_items_av's form), each Xapi::Cmsg rewritten when it is
 * mine; NULL when the list is not mine (a new one is made). */
static AV *xapi_perl_items_update(pTHX_ struct xapi_perl_ctx *x, SV *old,
                                  const xapi_cmsg *c, const xapi_value *v,
                                  size_t n)
{
    AV *av;
    size_t k;

    if (old == NULL || !xapi_perl_mine(old, SVt_NULL) || !SvROK(old) ||
        !xapi_perl_mine(SvRV(old), SVt_PVAV))
        return NULL;
    av = (AV *)SvRV(old);
    for (k = 0; k < n; k++) {
        SV *nv;

        if ((SSize_t)k <= AvFILLp(av) &&
            xapi_perl_cmsg_update(aTHX_ x, AvARRAY(av)[k], &c[k], &v[k]))
            continue;
        nv = xapi_perl_cmsg_make(aTHX_ x, &c[k], &v[k]);
        if ((SSize_t)k <= AvFILLp(av)) {
            SvREFCNT_dec(AvARRAY(av)[k]);
            AvARRAY(av)[k] = nv;
        } else {
            av_push(av, nv);
        }
    }
    if (AvFILLp(av) >= (SSize_t)n)
        av_fill(av, (SSize_t)n - 1);
    return av;
}

/* The interpreter's reuse array for recvmsg (kept after the shared keys,
 * xapi_perl_guts): [0] the last source address made, [1] the last list
 * of items, [2] the last list of data pieces, references kept so the
 * next receive can rewrite them in place. */
static AV *xapi_perl_recv_reuse(pTHX_ SV **keys)
{
    return (AV *)SvRV(keys[xapi_perl_nkeys()]);
}

/* The values of a received message, each a new reference: vals[0] the
 * source address, vals[1] data (given, taken over), vals[2] the items
 * (walked and decoded by the core's xapi_items_parse, as a receive reads
 * them: a lying length ends the walk, keeping the items before it),
 * vals[3] msg_flags, vals[4] the byte count.  errno is left alone. */
#define XAPI_PERL_STACK_PARSED 8
static void xapi_perl_msg_vals(pTHX_ struct xapi_perl_ctx *x,
                               const xapi_msg *m, SV *data, SV **vals)
{
    xapi_cmsg cmsgs_stack[XAPI_PERL_STACK_PARSED], *cmsgs = cmsgs_stack;
    xapi_value values_stack[XAPI_PERL_STACK_PARSED], *values = values_stack;
    size_t cap = 0, count = 0;
    int saved = errno;
    AV *reuse, *items;
    SV **old;

    if (m->control != NULL && m->controllen > 0)
        cap = xapi_items_count(m->control, m->controllen);
    if (cap > XAPI_PERL_STACK_PARSED) {
        cmsgs = (xapi_cmsg *)xapi_perl_scratch(aTHX_ cap * sizeof(*cmsgs));
        values = (xapi_value *)xapi_perl_scratch(aTHX_ cap * sizeof(*values));
    }
    if (cap > 0 && xapi_items_parse(m->control, m->controllen, cmsgs, values,
                                    cap, &count, 0, NULL) < 0)
        count = 0;
    errno = saved;
    reuse = xapi_perl_recv_reuse(aTHX_ x->keys);
    old = av_fetch(reuse, 0, 0);
    if (old != NULL && xapi_perl_addr_update(aTHX_ x, *old, &m->addr)) {
        vals[0] = newRV_inc(SvRV(*old));
    } else {
        vals[0] = xapi_perl_addr_cached(aTHX_ x, &m->addr);
        (void)av_store(reuse, 0, SvROK(vals[0]) ? newRV_inc(SvRV(vals[0]))
                                                : newSV(0));
    }
    vals[1] = data;
    old = av_fetch(reuse, 1, 0);
    items = xapi_perl_items_update(aTHX_ x, old != NULL ? *old : NULL,
                                   cmsgs, values, count);
    if (items != NULL) {
        vals[2] = newRV_inc((SV *)items);
    } else {
        items = xapi_perl_items_av(aTHX_ x, cmsgs, values, count);
        vals[2] = newRV_noinc((SV *)items);
        (void)av_store(reuse, 1, newRV_inc((SV *)items));
    }
    vals[3] = newSViv(m->flags);
    vals[4] = newSViv((IV)m->datalen);
}

/* ... as an array ref [address, data, cmsgs, flags, nbytes], or as a hash
 * ref with those keys (data's key is dkey: "data" or "len"). */
static SV *xapi_perl_msg_ref(pTHX_ struct xapi_perl_ctx *x, SV **vals,
                             int as_hash, int dkey)
{
    if (as_hash) {
        HV *hv = newHV();

        XAPI_PERL_STORE(x, hv, XAPI_PERL_K_ADDRESS, vals[0]);
        XAPI_PERL_STORE(x, hv, dkey, vals[1]);
        XAPI_PERL_STORE(x, hv, XAPI_PERL_K_CMSGS, vals[2]);
        XAPI_PERL_STORE(x, hv, XAPI_PERL_K_FLAGS, vals[3]);
        XAPI_PERL_STORE(x, hv, XAPI_PERL_K_NBYTES, vals[4]);
        return newRV_noinc((SV *)hv);
    }
    return newRV_noinc((SV *)xapi_perl_av_take(aTHX_ vals, 5));
}

/* A received message as the caller's context wants it, into out (room
 * for 5): its five values in list context, else one hash ref with the
 * keys address, data (dkey: "data" or "len"), cmsgs, flags, nbytes.  The
 * values (see xapi_perl_msg_vals) are taken over; the results are mortal.
 * Returns how many were put. */
static int xapi_perl_put_msg(pTHX_ struct xapi_perl_ctx *x, SV **vals,
                             int dkey, int list, SV **out)
{
    int i;

    if (!list) {
        out[0] = sv_2mortal(xapi_perl_msg_ref(aTHX_ x, vals, 1, dkey));
        return 1;
    }
    for (i = 0; i < 5; i++)
        out[i] = sv_2mortal(vals[i]);
    return 5;
}

/*
 * The RECV_MSG shape (typemaps.i): a receive request [\@sizes, $ancsize]
 * read into an xapi_msg whose pieces are the result strings themselves
 * (received into, then cut to what arrived), and the whole message built
 * from it after the core's xapi_recvmsg.  Every size is checked before
 * anything is allocated; scratch is on the C stack for small requests,
 * else in mortal buffers, and the piece strings are mortal until the
 * result owns them, so a croak anywhere leaks nothing.
 */
struct xapi_perl_recvbuf {
    xapi_msg m;
    int errno_in;               /* the caller's, put back after a receive */
    AV *data;                   /* the previous receive's pieces, reused */
    SV **pieces;
    SV *pieces_stack[XAPI_PERL_STACK_PIECES];
    struct iovec iov_stack[XAPI_PERL_STACK_PIECES];
    union {
        struct cmsghdr align;
        unsigned char b[XAPI_PERL_STACK_ANC];
    } control_stack;
};

static void xapi_perl_recvbuf_get(pTHX_ struct xapi_perl_recvbuf *rb,
                                  SV *req, const char *fn)
{
    SV **sizes_sv, **anc_sv, **prev;
    AV *reqav, *sizes;
    SSize_t n, i;
    struct iovec *iov = rb->iov_stack;
    IV total = 0, anc = 0;

    memset(&rb->m, 0, sizeof(rb->m));
    rb->pieces = rb->pieces_stack;
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
    if (n > XAPI_PERL_STACK_PIECES) {
        iov = (struct iovec *)xapi_perl_scratch(aTHX_ (size_t)n *
                                                sizeof(*iov));
        rb->pieces = (SV **)xapi_perl_scratch(aTHX_ (size_t)n * sizeof(SV *));
    }
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
    /* The previous receive's list of pieces, when nothing holds it or
     * its pieces any more and it has as many: received into again.  A
     * mortal reference marks it taken until the statement ends, so that
     * a receive made while the other arguments are read (a tied FETCH)
     * cannot take it too. */
    prev = av_fetch(xapi_perl_recv_reuse(aTHX_ xapi_perl_guts(aTHX)), 2, 0);
    rb->data = xapi_perl_mine_av(prev != NULL ? *prev : NULL, n);
    for (i = 0; rb->data != NULL && i < n; i++)
        if (SvIsCOW(AvARRAY(rb->data)[i]))
            rb->data = NULL;
    if (rb->data != NULL)
        (void)sv_2mortal(SvREFCNT_inc_simple_NN((SV *)rb->data));
    for (i = 0; i < n; i++) {
        /* +1: room for the NUL, and a buffer even for a 0-byte piece
         * (newSV(0) allocates none). */
        if (rb->data != NULL) {
            rb->pieces[i] = AvARRAY(rb->data)[i];
            SvUPGRADE(rb->pieces[i], SVt_PV);
            (void)SvGROW(rb->pieces[i], iov[i].iov_len + 1);
        } else {
            rb->pieces[i] = sv_2mortal(newSV(iov[i].iov_len + 1));
        }
        SvPOK_only(rb->pieces[i]);
        iov[i].iov_base = SvPVX(rb->pieces[i]);
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

/* The received message's values (xapi_perl_msg_vals): the pieces cut to
 * what arrived, as a new array of the piece strings. */
static void xapi_perl_recvbuf_vals(pTHX_ struct xapi_perl_ctx *x,
                                   struct xapi_perl_recvbuf *rb, SV **vals)
{
    AV *data = rb->data;
    SSize_t n = (SSize_t)rb->m.iovlen, i;

    if (data == NULL) {
        data = newAV();
        av_extend(data, n > 0 ? n - 1 : 0);
        (void)av_store(xapi_perl_recv_reuse(aTHX_ x->keys), 2,
                       newRV_inc((SV *)data));
    }
    for (i = 0; i < n; i++) {
        SV *piece = rb->pieces[i];
        size_t got = xapi_msg_piece_len(&rb->m, (size_t)i);

        SvCUR_set(piece, got);
        *SvEND(piece) = '\0';
        /* Don't keep a large buffer alive for a few bytes. */
        if (SvLEN(piece) - got > 4096)
            SvPV_shrink_to_cur(piece);
        if (rb->data == NULL)
            av_push(data, SvREFCNT_inc_simple_NN(piece));
    }
    xapi_perl_msg_vals(aTHX_ x, &rb->m, rb->data != NULL
                       ? newRV_inc((SV *)data) : newRV_noinc((SV *)data),
                       vals);
}

%}

%init %{
  xapi_perl_tables_init();
%}
