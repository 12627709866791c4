"""The search tokeniser: one normalisation and lexer for indexing fields and for queries.

Indexing: ``index_terms(text, kind)`` returns the distinct terms of one field, ``kind`` being
``"text"``, ``"name"`` (a person), ``"company"``, ``"phone"`` or ``"email"``. The search app
stores them space-separated, per customer, for the engine to index verbatim.

Querying: ``query_terms(query, typeahead=False)`` returns a ``Query``: an AND of groups, each
an OR of ``Term(text, prefix)``; ``prefix`` terms match any indexed term starting with them.
``zs 1380`` is ``(zs) AND (1380*)``; ``Query.matches(terms)`` is the reference meaning. An
empty ``Query`` (only punctuation, say) is falsy: the caller decides what that lists.

Term alphabet: every term is one or more characters for which ``str.isalnum()`` holds
(letters and digits of any script, CJK ideographs; no underscore, whitespace, quotes,
punctuation or symbols), at most 64 characters, already normalised (NFKC, case-folded, Latin
diacritics dropped, ASCII digits, simplified Chinese). So a term is always one token to the
engine and never FTS5 or tsquery syntax (lowercase ``and``/``or``/``not``/``near`` are plain
words to FTS5). Recommended engine settings:

- SQLite FTS5: ``tokenize = 'ascii'`` (non-ASCII characters are token characters, so CJK terms
  stay whole and nothing is folded twice); MATCH ``("a" OR "b") AND ("1380"*)``.
- PostgreSQL: ``array_to_tsvector(string_to_array(terms, ' '))`` (no parser, no stemming) and a
  ``tsquery`` built from quoted lexemes: ``('a' | 'b') & '1380':*``.

Chinese: each run of ideographs gives its character bigrams (any two-character query is one
term) and jieba's longer words (offered beside the bigram they start with, for ranking); a
query run of n ≥ 2 characters asks for all its bigrams, one character asks for that
character. A lone character in text is a term; name fields also index every single character,
so 张 lists every 张 (and not 章). Words come from jieba's dictionary and its cut without HMM,
reimplemented in a tight loop (``segment.py``, tested identical to ``jieba.lcut(HMM=False)``)
over a compact trie of that dictionary (``words.py``: 5 MB in memory where jieba's own took
80 MB; built from jieba's ``dict.txt`` and cached on disk); names skip it, as two to four
characters are covered by their bigrams and characters.

Pinyin (names and companies, toneless, ü as v): the full spelling (zhangsan), each syllable
(zhang, san) and the initials (zs); for names also surname and given name joined when either
has two syllables (ouyang), with surname readings (曾 zeng, 单 shan, 解 xie) for the first
character or a compound surname. Companies are spelt after dropping legal forms, and each jieba
word too (华为技术有限公司: huaweijishu, hwjs, huawei, jishu, hua, wei, ji, shu). Readings come
from two tables in ``data/`` (0.6 MB in memory) that ``scripts/build_pinyin_data.py`` writes
from pypinyin 0.55.0, tested identical to it; pypinyin itself is not loaded.

Numbers: digit groups joined by up to three spaces, dashes, dots or parentheses are one number
(138 0013-8000). A number of four or more digits is indexed as all its suffixes of four or more
digits, and a query number of four or more digits is a prefix term: a prefix of a suffix is
exactly a substring, so any run of four or more digits finds the number, at n - 3 terms for n
digits (an 11-digit mobile: 8, against 36 for every substring) and without the false hits of
ANDed 4-grams. Shorter numbers are exact terms. Phone fields add the international spellings
(86…, 0086…, and 0… for landlines), so +86, 0086 and a trunk 0 may be typed or left out.
Numbers longer than 24 digits are stored as one term (the first 64 digits).

Companies: the legal forms 有限公司, 股份有限公司, 集团, Co., Ltd., Inc., LLC … are dropped from
the end of a query, so 华为有限公司 and 华为 find each other and Acme Co., Ltd. finds acme.
E-mails: every part (zhang, san, example, com) plus the local part and the domain squashed
(zhangsan), so the address, its local part or its domain all find it.

Index size, typical customer: name 张三 7 terms, a company 15–30, a mobile 11–13, an e-mail
about 6; about 47 terms and 290 stored characters per customer (``bench/tokenise.py``).
Speed: the loaders are cached once per process, pinyin per character and per word, jieba
words per run, and whole name fields (names repeat); see ``bench/tokenise.py``.
"""

from dossier.core.text.index import FieldKind, index_terms
from dossier.core.text.normalise import normalise
from dossier.core.text.query import Query, Term, query_terms

__all__ = ["FieldKind", "Query", "Term", "index_terms", "normalise", "query_terms"]
