/* furniture.c - removal of page furniture from news text, line by line.
 *
 * Each line is judged on its own by a handful of general rules (no per-site
 * lists): short lines that are page controls or section labels of web pages
 * ("Post Comment", "You may also like"); source and republication credits
 * ("Source: CNN Brasil", "This content was originally published in ...");
 * payment details (an IBAN that passes the ISO 13616 mod-97 check, or a short
 * line naming a bank or payment service next to an account-like number); and
 * appeals to the reader (donations, subscriptions, cookies), recognised by
 * their set phrases addressed to "you"/"us". With the whole text in view, a
 * paragraph of five words or more that occurred before is dropped as well
 * (boilerplate printed twice). */
#include "kg_furniture.h"

#include "kg_common.h"

#include <string.h>

/* ------------------------------------------------------------ small helpers */

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* Trims white space (and UTF-8 no-break spaces) from both ends of s[0..*n). */
static const char *trim(const char *s, size_t *n)
{
    size_t b = 0, e = *n;
    for (;;) {
        if (b < e && is_space((unsigned char)s[b])) {
            b++;
        } else if (b + 1 < e && (unsigned char)s[b] == 0xC2 && (unsigned char)s[b + 1] == 0xA0) {
            b += 2;
        } else {
            break;
        }
    }
    for (;;) {
        if (e > b && is_space((unsigned char)s[e - 1])) {
            e--;
        } else if (e >= b + 2 && (unsigned char)s[e - 2] == 0xC2 &&
                   (unsigned char)s[e - 1] == 0xA0) {
            e -= 2;
        } else {
            break;
        }
    }
    *n = e - b;
    return s + b;
}

/* Number of words (runs of letters or digits) in s[0..n). */
static size_t count_words(const char *s, size_t n)
{
    size_t words = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        int a = is_alnum((unsigned char)s[i]);
        if (a && !in) {
            words++;
        }
        in = a;
    }
    return words;
}

/* The line folded for matching: ASCII lower case, runs of white space as one
 * space, typographic apostrophes as "'", bullets and arrows around it and
 * trailing . : ! ... removed. Writes at most cap-1 bytes; returns the length,
 * or 0 when the line does not fit (long lines are never widgets). */
static size_t fold(char *dst, size_t cap, const char *s, size_t n)
{
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (i + 2 < n && c == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x98 || (unsigned char)s[i + 2] == 0x99)) {
            c = '\'';
            i += 2;
        } else if (i + 1 < n && c == 0xC2 && (unsigned char)s[i + 1] == 0xA0) {
            c = ' ';
            i += 1;
        }
        if (is_space(c)) {
            space = o > 0;
            continue;
        }
        if (space) {
            if (o + 1 >= cap) {
                return 0;
            }
            dst[o++] = ' ';
            space = 0;
        }
        if (o + 1 >= cap) {
            return 0;
        }
        dst[o++] = (char)lower(c);
    }
    /* strip decoration: leading bullets/arrows, trailing punctuation and arrows */
    /* bullet, guillemet, single angle quote, arrow, ellipsis, dashes, triangle */
    static const char *const deco[] = {"\xe2\x80\xa2", "\xc2\xbb",     "\xe2\x80\xba",
                                       "\xe2\x86\x92", "\xe2\x80\xa6", "\xe2\x80\x94",
                                       "\xe2\x80\x93", "\xe2\x96\xb6"};
    int changed = 1;
    size_t b = 0;
    while (changed && b < o) {
        changed = 0;
        if (strchr("-*>|#", dst[b]) || dst[b] == ' ') {
            b++;
            changed = 1;
            continue;
        }
        for (size_t k = 0; k < sizeof deco / sizeof *deco; k++) {
            size_t dl = strlen(deco[k]);
            if (o - b >= dl && memcmp(dst + b, deco[k], dl) == 0) {
                b += dl;
                changed = 1;
                break;
            }
        }
    }
    changed = 1;
    while (changed && o > b) {
        changed = 0;
        if (strchr(".:!?-*>|, ", dst[o - 1])) {
            o--;
            changed = 1;
            continue;
        }
        for (size_t k = 0; k < sizeof deco / sizeof *deco; k++) {
            size_t dl = strlen(deco[k]);
            if (o - b >= dl && memcmp(dst + o - dl, deco[k], dl) == 0) {
                o -= dl;
                changed = 1;
                break;
            }
        }
    }
    memmove(dst, dst + b, o - b);
    o -= b;
    dst[o] = '\0';
    return o;
}

/* Does folded text f start with phrase p followed by a word boundary? */
static int starts_with(const char *f, size_t n, const char *p)
{
    size_t pl = strlen(p);
    if (n < pl || memcmp(f, p, pl) != 0) {
        return 0;
    }
    return n == pl || !is_alnum((unsigned char)f[pl]) || !is_alnum((unsigned char)p[pl - 1]);
}

/* Does s[0..n) contain phrase p (lower case ASCII) case-insensitively, on word
 * boundaries? */
static int has_phrase(const char *s, size_t n, const char *p)
{
    size_t pl = strlen(p);
    if (pl == 0 || pl > n) {
        return 0;
    }
    for (size_t i = 0; i + pl <= n; i++) {
        if (lower((unsigned char)s[i]) != (unsigned char)p[0]) {
            continue;
        }
        size_t k = 1;
        while (k < pl && lower((unsigned char)s[i + k]) == (unsigned char)p[k]) {
            k++;
        }
        if (k < pl) {
            continue;
        }
        if (i > 0 && is_alnum((unsigned char)s[i - 1]) && is_alnum((unsigned char)p[0])) {
            continue;
        }
        if (i + pl < n && is_alnum((unsigned char)s[i + pl]) &&
            is_alnum((unsigned char)p[pl - 1])) {
            continue;
        }
        return 1;
    }
    return 0;
}

static int has_any(const char *s, size_t n, const char *const *list)
{
    for (; *list; list++) {
        if (has_phrase(s, n, *list)) {
            return 1;
        }
    }
    return 0;
}

static int in_list(const char *f, const char *const *list)
{
    for (; *list; list++) {
        if (strcmp(f, *list) == 0) {
            return 1;
        }
    }
    return 0;
}

static int starts_with_any(const char *f, size_t n, const char *const *list)
{
    for (; *list; list++) {
        if (starts_with(f, n, *list)) {
            return 1;
        }
    }
    return 0;
}

/* Does the line end like a sentence (. ! ? or a closing quote after one)? */
static int ends_sentence(const char *s, size_t n)
{
    while (n > 0) {
        unsigned char c = (unsigned char)s[n - 1];
        if (c == '"' || c == '\'' || c == ')') {
            n--;
            continue;
        }
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
            ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99)) {
            n -= 3;
            continue;
        }
        return c == '.' || c == '!' || c == '?';
    }
    return 0;
}

/* ---------------------------------------------------------------- widgets */

/* Whole lines that are page controls or section labels. */
static const char *const widget_lines[] = {"loading",
                                           "loading now",
                                           "please wait",
                                           "post comment",
                                           "post a comment",
                                           "add comment",
                                           "add a comment",
                                           "leave a comment",
                                           "leave a reply",
                                           "leave a reply cancel reply",
                                           "reply",
                                           "comments",
                                           "comment",
                                           "show comments",
                                           "view comments",
                                           "load comments",
                                           "hide comments",
                                           "comments are closed",
                                           "comments closed",
                                           "comments are disabled",
                                           "no comments",
                                           "be the first to comment",
                                           "join the conversation",
                                           "join the discussion",
                                           "you may also like",
                                           "you might also like",
                                           "you may like",
                                           "you might like",
                                           "we recommend",
                                           "recommended",
                                           "recommended for you",
                                           "recommended stories",
                                           "related",
                                           "related articles",
                                           "related posts",
                                           "related stories",
                                           "related news",
                                           "related content",
                                           "related coverage",
                                           "related topics",
                                           "more stories",
                                           "more news",
                                           "more from this author",
                                           "more on this story",
                                           "more like this",
                                           "most popular",
                                           "most read",
                                           "most viewed",
                                           "popular",
                                           "popular posts",
                                           "trending",
                                           "trending now",
                                           "top stories",
                                           "latest news",
                                           "latest",
                                           "read more",
                                           "read next",
                                           "read this next",
                                           "continue reading",
                                           "keep reading",
                                           "see more",
                                           "show more",
                                           "load more",
                                           "view more",
                                           "advertisement",
                                           "advertisements",
                                           "advertising",
                                           "advert",
                                           "ad",
                                           "more",
                                           "sponsored",
                                           "sponsored content",
                                           "sponsored links",
                                           "promoted",
                                           "promoted content",
                                           "share",
                                           "share this",
                                           "share this article",
                                           "share this story",
                                           "share this post",
                                           "share on facebook",
                                           "share on twitter",
                                           "share via email",
                                           "tweet",
                                           "email",
                                           "print",
                                           "print this page",
                                           "copy link",
                                           "link copied",
                                           "facebook",
                                           "twitter",
                                           "whatsapp",
                                           "linkedin",
                                           "pinterest",
                                           "reddit",
                                           "subscribe",
                                           "subscribe now",
                                           "sign up",
                                           "sign in",
                                           "log in",
                                           "login",
                                           "register",
                                           "newsletter",
                                           "follow us",
                                           "back to top",
                                           "skip to content",
                                           "skip to main content",
                                           "skip navigation",
                                           "menu",
                                           "search",
                                           "close",
                                           "next",
                                           "previous",
                                           "next article",
                                           "previous article",
                                           "next post",
                                           "previous post",
                                           "tags",
                                           "topics",
                                           "filed under",
                                           "categories",
                                           "photo",
                                           "video",
                                           "watch",
                                           "listen",
                                           "gallery",
                                           "view gallery",
                                           "enlarge",
                                           "expand",
                                           "toggle caption",
                                           "hide caption",
                                           "image",
                                           "click to enlarge",
                                           "click here",
                                           "cookie settings",
                                           "accept cookies",
                                           "accept all cookies",
                                           "got it",
                                           "ok",
                                           "dismiss",
                                           "no thanks",
                                           "story continues below",
                                           "story continues below advertisement",
                                           "article continues below advertisement",
                                           "continue reading below",
                                           "scroll to continue with content",
                                           "support us",
                                           "donate",
                                           "don't miss",
                                           "must read",
                                           "most shared",
                                           "editor's picks",
                                           "editors' picks",
                                           "top picks",
                                           "donate now",
                                           "all rights reserved",
                                           NULL};

/* Line openings that make a short line a control or label. */
static const char *const widget_starts[] = {"read more",
                                            "read next",
                                            "read also",
                                            "also read",
                                            "see also",
                                            "related:",
                                            "tags:",
                                            "topics:",
                                            "filed under",
                                            "categories:",
                                            "category:",
                                            "follow us",
                                            "follow @",
                                            "share this",
                                            "share on",
                                            "share via",
                                            "sign up for",
                                            "sign up to",
                                            "subscribe to",
                                            "click here",
                                            "click to",
                                            "tap to",
                                            "advertisement",
                                            "sponsored by",
                                            "©",
                                            "(c) ",
                                            "copyright",
                                            "all rights reserved",
                                            "image:",
                                            "images:",
                                            "photo:",
                                            "photos:",
                                            "photo credit",
                                            "image credit",
                                            "image source",
                                            "picture:",
                                            "pictured:",
                                            "credit:",
                                            "video:",
                                            "watch:",
                                            "listen:",
                                            "posted in",
                                            "more from",
                                            "more:",
                                            "previous:",
                                            "next:",
                                            "comments (",
                                            "view comments",
                                            "show comments",
                                            "follow him on",
                                            "follow her on",
                                            "follow them on",
                                            "follow me on",
                                            "have a tip",
                                            "got a tip",
                                            "got a news tip",
                                            NULL};

/* Is the folded line only a date or time stamp ("20 Nov 2019 08:00 GMT",
 * "Updated at 1:23 p.m.", "Published: March 3, 2025")? A bare time ("9.30
 * A.M. / 7.00 P.M.", opening hours) is not: it needs a month, a year or a
 * word saying what the stamp is. */
static int is_timestamp(const char *f, size_t fn, size_t words)
{
    static const char *const months[] = {
        "jan", "january", "feb", "february", "mar", "march",    "apr", "april", "may",
        "jun", "june",    "jul", "july",     "aug", "august",   "sep", "sept",  "september",
        "oct", "october", "nov", "november", "dec", "december", NULL};
    static const char *const stamps[] = {"published", "updated", "posted", "modified", NULL};
    static const char *const others[] = {
        "mon",    "monday", "tue",      "tues", "tuesday", "wed",  "wednesday", "thu",
        "thur",   "thurs",  "thursday", "fri",  "friday",  "sat",  "saturday",  "sun",
        "sunday", "am",     "pm",       "a",    "m",       "p",    "gmt",       "utc",
        "bst",    "cet",    "cest",     "et",   "est",     "edt",  "ct",        "cst",
        "cdt",    "pt",     "pst",      "pdt",  "ist",     "last", "first",     "on",
        "at",     "st",     "nd",       "rd",   "th",      NULL};
    if (words == 0 || words > 12) {
        return 0;
    }
    int digits = 0, dated = 0;
    for (size_t i = 0; i < fn;) {
        if (!is_alnum((unsigned char)f[i])) {
            i++;
            continue;
        }
        size_t b = i;
        while (i < fn && is_alnum((unsigned char)f[i])) {
            i++;
        }
        if (is_digit((unsigned char)f[b])) { /* 2019, 08, 1st, 22nd */
            digits = 1;
            int year = i - b == 4 && (f[b] == '1' || f[b] == '2');
            for (size_t k = b; k < i && year; k++) {
                year = is_digit((unsigned char)f[k]);
            }
            dated |= year;
            continue;
        }
        char w[16];
        if (i - b >= sizeof w) {
            return 0;
        }
        memcpy(w, f + b, i - b);
        w[i - b] = '\0';
        if (in_list(w, months) || in_list(w, stamps)) {
            dated = 1;
        } else if (!in_list(w, others)) {
            return 0;
        }
    }
    return digits && dated;
}

static int is_widget(const char *f, size_t fn, size_t words)
{
    if (is_timestamp(f, fn, words)) {
        return 1;
    }
    if (fn == 0) {
        return 0;
    }
    if (in_list(f, widget_lines)) {
        return 1;
    }
    /* "... Follow him on Twitter @name." closing an author's note */
    if (words <= 60 &&
        (strstr(f, "follow us on") || strstr(f, "follow him on") || strstr(f, "follow her on") ||
         strstr(f, "follow me on") || strstr(f, "follow them on")) &&
        (strchr(f, '@') || strstr(f, "twitter") || strstr(f, "facebook") ||
         strstr(f, "instagram"))) {
        return 1;
    }
    /* the author's contact line */
    if (words <= 40 && (strstr(f, "may be reached at") || strstr(f, "can be reached at"))) {
        return 1;
    }
    /* copyright notices anywhere in a short line */
    if (words <= 40 && (strstr(f, "\xc2\xa9") || strstr(f, "all rights reserved"))) {
        return 1;
    }
    if (words <= 10 && starts_with_any(f, fn, widget_starts)) {
        return 1;
    }
    /* "12 comments", "0 Comments" */
    size_t i = 0;
    while (i < fn && is_digit((unsigned char)f[i])) {
        i++;
    }
    if (i > 0 && i < fn && f[i] == ' ' &&
        (strcmp(f + i + 1, "comments") == 0 || strcmp(f + i + 1, "comment") == 0 ||
         strcmp(f + i + 1, "shares") == 0 || strcmp(f + i + 1, "responses") == 0)) {
        return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- sources */

static const char *const source_starts[] = {
    "source:",           "sources:",    "original source:", "source -",
    "original article:", "via:",        "reporting by",     "additional reporting by",
    "editing by",        "compiled by", "translated by",    "translation of the article",
    "translated from",   NULL};

static const char *const republished_starts[] = {"this content was",
                                                 "this article was",
                                                 "this story was",
                                                 "this post was",
                                                 "this piece was",
                                                 "this report was",
                                                 "this article first",
                                                 "this story first",
                                                 "this article originally",
                                                 "this story originally",
                                                 "a version of this",
                                                 "an earlier version of this",
                                                 NULL};

static int is_source(const char *s, size_t n, const char *f, size_t fn, size_t words)
{
    if (fn > 0 && words <= 12 && starts_with_any(f, fn, source_starts)) {
        return 1;
    }
    /* blog feeds: "The post <title> appeared first on <site>." */
    if (words <= 40 && starts_with(f, fn, "the post") && has_phrase(s, n, "appeared first on")) {
        return 1;
    }
    if (words <= 40 && fn > 0 && starts_with_any(f, fn, republished_starts) &&
        (has_phrase(s, n, "published") || has_phrase(s, n, "appeared") ||
         has_phrase(s, n, "republished"))) {
        return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- payment */

/* Is there an IBAN (two letters, two check digits, 11-30 letters or digits,
 * optionally grouped by single spaces) whose ISO 13616 mod-97 check holds? */
static int has_iban(const char *s, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)s[i + 1];
        if (!(a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z')) {
            continue;
        }
        if (i > 0 && is_alnum((unsigned char)s[i - 1])) {
            continue;
        }
        if (!is_digit((unsigned char)s[i + 2]) || !is_digit((unsigned char)s[i + 3])) {
            continue;
        }
        char buf[40];
        size_t k = 0, j = i;
        while (j < n && k < sizeof buf) {
            unsigned char c = (unsigned char)s[j];
            if (is_digit(c) || (c >= 'A' && c <= 'Z')) {
                buf[k++] = (char)c;
                j++;
            } else if (c == ' ' && j + 1 < n && k >= 4 &&
                       (is_digit((unsigned char)s[j + 1]) ||
                        ((unsigned char)s[j + 1] >= 'A' && (unsigned char)s[j + 1] <= 'Z'))) {
                j++;
            } else {
                break;
            }
        }
        if (k < 15 || k > 34) {
            continue;
        }
        /* move the first four characters to the end, letters as 10..35, mod 97 */
        unsigned rem = 0;
        for (size_t m = 0; m < k; m++) {
            unsigned char c = (unsigned char)buf[(m + 4) % k];
            if (is_digit(c)) {
                rem = (rem * 10 + (unsigned)(c - '0')) % 97;
            } else {
                rem = (rem * 100 + (unsigned)(c - 'A' + 10)) % 97;
            }
        }
        if (rem == 1) {
            return 1;
        }
    }
    return 0;
}

/* Is there an account-like number: six or more digits in groups joined only
 * by single spaces or hyphens (no decimal point or thousands comma)? */
static int has_account_number(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        if (!is_digit((unsigned char)s[i])) {
            i++;
            continue;
        }
        size_t digits = 0, j = i;
        int bad = 0;
        while (j < n) {
            unsigned char c = (unsigned char)s[j];
            if (is_digit(c)) {
                digits++;
                j++;
            } else if ((c == ' ' || c == '-') && j + 1 < n && is_digit((unsigned char)s[j + 1])) {
                j++;
            } else {
                bad = (c == ',' || c == '.') && j + 1 < n && is_digit((unsigned char)s[j + 1]);
                break;
            }
        }
        if (digits >= 6 && !bad) {
            return 1;
        }
        i = j + 1;
    }
    return 0;
}

static const char *const payment_words[] = {
    "bank",      "account", "acct",      "a/c",      "ac #",    "ac no",   "iban",
    "swift",     "bic",     "sort code", "routing",  "vipps",   "paypal",  "swish",
    "mobilepay", "venmo",   "zelle",     "cash app", "cashapp", "bitcoin", "btc",
    "upi",       "paytm",   "m-pesa",    "mpesa",    "giro",    "bsb",     NULL};

static int is_payment(const char *s, size_t n, size_t words)
{
    if (words <= 25 && has_iban(s, n)) {
        return 1;
    }
    return words <= 12 && !ends_sentence(s, n) && has_any(s, n, payment_words) &&
           has_account_number(s, n);
}

/* ----------------------------------------------------------------- appeals */

/* Set phrases of appeals; they count only when the line also addresses the
 * reader (you/your/us/our/we), which quoted news speech rarely combines with
 * them. */
static const char *const appeal_phrases[] = {"every contribution",
                                             "powers our journalism",
                                             "our journalism",
                                             "independent journalism",
                                             "from as little as",
                                             "make a contribution",
                                             "make a donation",
                                             "donate now",
                                             "donate today",
                                             "please donate",
                                             "consider donating",
                                             "consider supporting",
                                             "support us",
                                             "support our journalism",
                                             "support our work",
                                             "support our reporting",
                                             "support our mission",
                                             "become a member",
                                             "become a patron",
                                             "become a supporter",
                                             "become a subscriber",
                                             "subscribe now",
                                             "subscribe today",
                                             "already a subscriber",
                                             "subscribe to our",
                                             "sign up for our",
                                             "sign up to our",
                                             "our newsletter",
                                             "ad blocker",
                                             "adblocker",
                                             "we use cookies",
                                             "this website uses cookies",
                                             "this site uses cookies",
                                             "use of cookies",
                                             "cookie policy",
                                             "accept cookies",
                                             "privacy policy",
                                             "terms of use",
                                             "terms of service",
                                             "join us",
                                             "time to join",
                                             "your inbox",
                                             "our newsletters",
                                             "if you enjoyed this",
                                             "if you value",
                                             "join our",
                                             NULL};

static const char *const reader_words[] = {"you", "your", "us", "our", "we", NULL};

/* "Support Dawat Media Center", "Donate to The Example Times": an appeal's
 * heading, a verb followed only by capitalised words. */
static int is_appeal_heading(const char *s, size_t n, size_t words)
{
    static const char *const verbs[] = {"support ", "donate to ", "donate ", "subscribe to ", NULL};
    if (words < 2 || words > 7 || ends_sentence(s, n)) {
        return 0;
    }
    for (const char *const *v = verbs; *v; v++) {
        size_t vl = strlen(*v);
        if (n <= vl) {
            continue;
        }
        size_t k = 0;
        while (k < vl && lower((unsigned char)s[k]) == (unsigned char)(*v)[k]) {
            k++;
        }
        if (k < vl) {
            continue;
        }
        /* every following word starts with a capital letter or digit */
        int start = 1;
        for (size_t i = vl; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            if (is_space(c)) {
                start = 1;
                continue;
            }
            if (start && c < 0x80 && !(c >= 'A' && c <= 'Z') && !is_digit(c) && c != '&') {
                return 0;
            }
            start = 0;
        }
        return 1;
    }
    return 0;
}

/* Does the line quote someone (straight or curly double quotes)? */
static int has_quote(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') {
            return 1;
        }
        if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x9C || (unsigned char)s[i + 2] == 0x9D)) {
            return 1;
        }
    }
    return 0;
}

static int is_appeal(const char *s, size_t n, size_t words)
{
    if (is_appeal_heading(s, n, words)) {
        return 1;
    }
    /* quoted speech is news ("We will support our partners," she said) */
    if (words > 120 || has_quote(s, n)) {
        return 0;
    }
    /* affiliate-link disclosures */
    if (has_phrase(s, n, "affiliate") &&
        (has_phrase(s, n, "links") || has_phrase(s, n, "link") || has_phrase(s, n, "commission"))) {
        return 1;
    }
    /* the five reader words first: most paragraphs have none of them */
    return has_any(s, n, reader_words) && has_any(s, n, appeal_phrases);
}

/* ------------------------------------------------------------------ public */

int kg_furniture_classify(const char *line, size_t len)
{
    size_t n = len;
    const char *s = trim(line, &n);
    if (n == 0) {
        return KG_FURNITURE_NONE;
    }
    char f[256];
    size_t fn = fold(f, sizeof f, s, n);
    size_t words = count_words(s, n);
    if (is_widget(f, fn, words)) {
        return KG_FURNITURE_WIDGET;
    }
    if (is_source(s, n, f, fn, words)) {
        return KG_FURNITURE_SOURCE;
    }
    if (is_payment(s, n, words)) {
        return KG_FURNITURE_PAYMENT;
    }
    if (is_appeal(s, n, words)) {
        return KG_FURNITURE_APPEAL;
    }
    return KG_FURNITURE_NONE;
}

const char *kg_furniture_kind_name(int kind)
{
    switch (kind) {
    case KG_FURNITURE_NONE:
        return "none";
    case KG_FURNITURE_WIDGET:
        return "widget";
    case KG_FURNITURE_SOURCE:
        return "source";
    case KG_FURNITURE_PAYMENT:
        return "payment";
    case KG_FURNITURE_APPEAL:
        return "appeal";
    case KG_FURNITURE_REPEAT:
        return "repeat";
    default:
        return "unknown";
    }
}

/* The key under which a line is remembered for repeat detection: ASCII lower
 * case with white space collapsed. */
static int repeat_key(kg_strbuf *key, const char *s, size_t n)
{
    kg_strbuf_clear(key);
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_space(c)) {
            space = 1;
            continue;
        }
        if (space && kg_strbuf_putc(key, ' ')) {
            return KG_ENOMEM;
        }
        space = 0;
        if (kg_strbuf_putc(key, (char)lower(c))) {
            return KG_ENOMEM;
        }
    }
    return KG_OK;
}

int kg_furniture_filter(kg_range **out, size_t *n_out, const char *text, size_t len)
{
    return kg_furniture_filter_opts(out, n_out, text, len, NULL);
}

int kg_furniture_filter_opts(kg_range **out, size_t *n_out, const char *text, size_t len,
                             const kg_furniture_options *opts)
{
    static const kg_furniture_options defaults = KG_FURNITURE_OPTIONS_INIT;
    const kg_furniture_options o = opts ? *opts : defaults;
    int rc = KG_OK;
    kg_range *ranges = NULL;
    size_t n = 0, cap = 0;
    kg_map *seen = NULL;
    kg_strbuf key = KG_STRBUF_INIT;

    *out = NULL;
    *n_out = 0;
    if (len >= UINT32_MAX) {
        rc = kg_error_set(KG_EINVAL, "text too long for furniture filtering (%zu bytes)", len);
        goto done;
    }
    if ((rc = kg_map_new(&seen))) {
        goto done;
    }
    size_t pos = 0;
    while (pos < len) {
        size_t end = pos;
        while (end < len && text[end] != '\n' && text[end] != '\r') {
            end++;
        }
        size_t next = end;
        if (end < len) { /* past "\n", "\r" or "\r\n" */
            next = end + ((text[end] == '\r' && end + 1 < len && text[end + 1] == '\n') ? 2 : 1);
        }

        size_t tn = end - pos;
        const char *t = trim(text + pos, &tn);
        if (tn > 0 && kg_furniture_classify(t, tn) == KG_FURNITURE_NONE) {
            int keep = 1;
            if (o.drop_repeats && count_words(t, tn) >= o.repeat_min_words) {
                if ((rc = repeat_key(&key, t, tn))) {
                    goto done;
                }
                int inserted = 0;
                uint32_t v;
                if ((rc = kg_map_intern(seen, key.data, key.len, 0, &v, &inserted))) {
                    goto done;
                }
                keep = inserted;
            }
            if (keep) {
                if ((rc = kg_grow((void **)&ranges, &cap, n + 1, sizeof *ranges))) {
                    goto done;
                }
                ranges[n].start = (uint32_t)(t - text);
                ranges[n].end = (uint32_t)(t - text + tn);
                n++;
            }
        }
        pos = next;
    }
    *out = ranges;
    *n_out = n;
    ranges = NULL;
done:
    kg_free(ranges);
    kg_map_free(seen);
    kg_strbuf_free(&key);
    return rc;
}
