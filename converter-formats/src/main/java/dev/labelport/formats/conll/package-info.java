/**
 * CoNLL-2003 / TSV-IOB token tagging, format id {@code conll}, alias {@code tsv-iob}.
 *
 * <h2>Layout</h2>
 * <pre>
 * -DOCSTART- -X- -X- O
 *
 * EU NNP B-NP B-ORG
 * rejects VBZ B-VP O
 * German JJ B-NP B-MISC
 *
 * Peter NNP B-NP B-PER
 * Blackburn NNP I-NP I-PER
 * </pre>
 * UTF-8 text, one token per line, columns separated by a tab or by spaces, a blank line between
 * sentences. A line whose first field is {@code -DOCSTART-} starts a document, wherever it is,
 * whatever its other fields ({@code -DOCSTART- -X- -X- O}, Azure's {@code -DOCSTART- O}) and
 * whatever separator it uses (allennlp's fixture writes it with spaces in a tab file).
 *
 * <h2>Model</h2>
 * <ul>
 *   <li>One {@link dev.labelport.model.Item text item} per sentence, id = the sentence's 1-based
 *       number in the file ({@code SYNTHESISED}, noted once per file). The text is the tokens
 *       joined with single spaces ({@link dev.labelport.model.TextContent#fromTokens},
 *       {@code reconstructed = true}, {@code TEXT_RECONSTRUCTED} noted once per file); each
 *       token carries the columns other than token and tag, in order.</li>
 *   <li>Entities: the tags are decoded with the {@link dev.labelport.formats.conll.TagScheme}
 *       into {@link dev.labelport.model.TextSpan} annotations (code-point offsets into the
 *       reconstructed text, with the covered text, no annotation id). The category is the entity
 *       type: {@code Category.of(Id.of(type), type)}, one instance per type and file. The header
 *       lists no categories: they are met while streaming.</li>
 *   <li>Item extension {@code conll}: {@code docstart} = the exact {@code -DOCSTART-} line
 *       before the sentence (first sentence of a document only), {@code document} = how many
 *       {@code -DOCSTART-} lines precede the sentence (absent when none), {@code tags} = the tags
 *       as written, only when they are valid but not the canonical spelling of the scheme
 *       (mixed conventions such as seqeval's {@code B-VP} right after {@code I-NP} in IOB1,
 *       empty tags, mixed letter case), so a same-format write gives them back.</li>
 *   <li>Header extension {@code conll}: {@code scheme}, {@code separator} ({@code tab} or
 *       {@code space}), {@code tagSuffix}/{@code lowerCase}/{@code bilouLetters} when the tags
 *       are spelled so, {@code tokenColumn}/{@code tagColumn} when not the defaults, and
 *       {@code trailingBlankLine} (whether the file ends with a blank line).</li>
 * </ul>
 *
 * <h2>Reading, and the decisions taken</h2>
 * <ul>
 *   <li><b>Detection pass.</b> The header must exist at {@code open()}, so the reader first reads
 *       up to 10,000 token lines in a
 *       second, bounded pass over the file, and peeks at the last 4 KiB for the trailing blank
 *       line. Separator {@code auto}: {@code tab} when any sampled token line contains a tab,
 *       else {@code space} (sampling more than the first line lets a file such as doccano's
 *       {@code labeling.invalid.conll}, whose first line lacks the tab, be read as the tab file it
 *       is and fail on that line). Scheme {@code auto}: see
 *       {@link dev.labelport.formats.conll.TagSchemeDetector} (no prefix → bare; E/S/L/U →
 *       bioes; a chunk starting with {@code I-} → iob1, which includes files with only
 *       {@code I-}: IO and IOB1 decode them identically; otherwise iob2). A file with chunks
 *       starting both ways (an IOB2 file with a slip, such as line 722 of Azure's NER
 *       {@code test.txt}, or conlleval predictions such as seqeval's) is therefore read as iob1,
 *       which is exactly conlleval's reading, and {@link
 *       dev.labelport.formats.conll.ConllFormat#MIXED_CHUNK_STARTS} is noted; an explicit
 *       {@code scheme=iob2} validates it strictly. A file whose invalid sequences appear only
 *       after the sample fails there (or is repaired).</li>
 *   <li><b>Columns.</b> {@code tab}: columns are split at each tab, trailing spaces of the line
 *       are dropped, tokens may contain spaces, an empty tag means {@code O} (Datasaur).
 *       {@code space}: runs of spaces/tabs separate columns. Token = {@code token-column}, tag =
 *       {@code tag-column} (default last, so seqeval's 4-column file yields its prediction
 *       column; {@code tag-column=2} gives the gold one). Every token line must have at least 2
 *       columns and as many as the first token line: a line with a token and no tag is an
 *       error, not {@code O} (HF legacy readers default it to {@code O}, but a file of
 *       annotations missing a tag is more often broken, as doccano's invalid fixture shows).</li>
 *   <li><b>Invalid sequences</b> ({@code I-X} not continuing an {@code X} chunk in iob2 or bioes,
 *       an unclosed bioes chunk, a letter or a bare label the scheme does not use) are an
 *       {@link dev.labelport.error.InvalidInputException} naming the file, line, token and tag;
 *       with {@code repair=true} they are repaired conlleval-style (start a new chunk) and each is
 *       reported as {@code INVALID_TAG_SEQUENCE} with its line. Under the lenient error policy an
 *       invalid line or sequence skips its sentence ({@code SKIPPED_RECORD}).</li>
 *   <li><b>Lenient layout.</b> Several blank lines, leading blank lines, whitespace-only lines,
 *       trailing whitespace, CRLF, a missing final newline and a UTF-8 BOM are read fine. An
 *       empty file is an empty dataset. A {@code -DOCSTART-} with no sentence before the next one
 *       or the end (an empty document: flair's test corpora end with one) is an item of its own,
 *       with no tokens and the line in {@code docstart}, so nothing is lost on the way (issue 13).
 *       Extra blank lines are layout, never empty sentences.</li>
 *   <li><b>Limits.</b> Lines are read by a bounded UTF-8 line reader: a line longer than
 *       {@code maxLineLength} fails before it is built, malformed UTF-8 fails with line, column
 *       and byte offset; a sentence longer than {@code maxTokensPerItem} and more entity types
 *       than {@code maxCategories} fail too. Only one sentence is in memory.</li>
 * </ul>
 *
 * <h2>Public helpers</h2>
 * {@link dev.labelport.formats.conll.TagScheme} (decode/encode between tags and chunks, for
 * every token format), {@link dev.labelport.formats.conll.TagNotation} (how letters are
 * spelled), {@link dev.labelport.formats.conll.TagSchemeDetector} (the detection rule) and
 * {@link dev.labelport.formats.conll.TokenSpans} (whitespace tokenizer, span to token range) and
 * {@link dev.labelport.formats.conll.TokenChunks} (spans to non-overlapping token chunks with the
 * losses reported, shared with {@code hf-csv}).
 *
 * <h2>Writing</h2>
 * One line per token: token, extra columns, tag (or the token/tag positions read), joined with
 * the separator (option, else as read, else one space); a blank line between sentences;
 * {@code docstart} lines re-emitted followed by a blank line; an empty document (an item
 * without tokens that has a {@code docstart}) is its line alone, so a file ending with
 * {@code -DOCSTART-} comes back as it was; an item without tokens and no {@code docstart} (an empty
 * sentence, e.g. a Hugging Face row {@code [],[]}) has no CoNLL form and is {@code DROPPED_ITEM}; a final blank line when the file
 * read had one (and by default, for other sources). Spans become tags in the scheme (option,
 * else as read, else iob2); the {@code tags} extension is used instead when the scheme is the one
 * read and it still decodes to the same spans. Items without tokens are tokenized by the
 * conversion's {@link dev.labelport.spi.Tokenizer} ({@code WriteContext.tokenizer()}: Unicode
 * whitespace unless the user picks {@code punctuation} or their own), code-point offsets.
 * Reported losses:
 * <ul>
 *   <li>{@code OVERLAPPING_SPANS}: overlapping or nested spans, the earliest-starting (longest on
 *       ties) is kept;</li>
 *   <li>{@code SPAN_NOT_ON_TOKENS}: a span cutting through a token is widened to whole tokens;
 *       a span covering no token, annotations other than text spans, spans without category
 *       and removed annotations are {@code DROPPED_GEOMETRY};</li>
 *   <li>{@link dev.labelport.formats.conll.ConllFormat#MERGED_SPANS}: in {@code io}/{@code bare},
 *       adjacent spans of one type merge (and a category named {@code O} or empty vanishes);</li>
 *   <li>{@link dev.labelport.formats.conll.ConllFormat#REPLACED_WHITESPACE}: whitespace that would
 *       split a column (a space in a space-separated file, a tab or line break anywhere, any
 *       whitespace in a category name) is written as {@code _}, as is an empty column in a
 *       space-separated file;</li>
 *   <li>{@code DROPPED_FIELD}/{@code DROPPED_ATTRIBUTE}: item and annotation fields CoNLL has no
 *       place for (file name, split, metadata, status, ids, scores, attributes, category
 *       details...), the text's own whitespace when it is not the tokens joined by single
 *       spaces, sentence boundaries inside one item; {@code REINDEXED} when an item's id is not
 *       its sentence number; {@code DROPPED_ITEM} for an item without tokens.</li>
 *   <li>Tokens whose number of extra columns differs from the first token written are cut
 *       ({@code DROPPED_FIELD}) or padded with {@code _} ({@code SYNTHESISED}).</li>
 * </ul>
 *
 * <h2>Same-format round trip</h2>
 * A valid file comes back byte for byte except for this normalisation: LF line ends, no BOM,
 * no leading blank lines, exactly one blank line between sentences and after a
 * {@code -DOCSTART-} line, a blank line before a {@code -DOCSTART-} that follows a sentence, at
 * most one blank line at the end (kept when there was one), a final newline, trailing spaces
 * dropped, columns of a space-separated file joined with one space. L/U letters are written only if the sampled tags used them
 * throughout. Known limits: a token {@code -DOCSTART-} in the first column is read as a document
 * start; whitespace-only tokens cannot be written.
 */
package dev.labelport.formats.conll;
