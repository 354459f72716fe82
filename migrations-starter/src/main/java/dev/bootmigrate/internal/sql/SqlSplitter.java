/*
 * Copyright 2026 the bootmigrate authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.bootmigrate.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.bootmigrate.internal.sql.SqlSyntax.Feature;

/**
 * Splits a script into statements, following the lexical rules of a database family: a
 * delimiter ends a statement only outside comments, strings, quoted identifiers,
 * dollar-quoted bodies, parentheses and the {@code BEGIN ... END} bodies of routines.
 * <p>
 * One pass over the characters, without regular expressions. Each statement starts at its
 * first character that is not blank or a comment, keeps the line it starts on, and ends
 * before its delimiter. The splitter also reads the first words of each statement, to
 * classify it ({@link SqlSyntax#classify}) and to follow the blocks of routine bodies.
 *
 * @author the bootmigrate authors
 */
final class SqlSplitter {

	private static final int WORDS = 8;

	private static final Pattern STANDARD_CONFORMING_STRINGS = Pattern
		.compile("(?i)^\\s*SET\\s+(?:SESSION\\s+|LOCAL\\s+)?standard_conforming_strings\\s*(?:=|TO)\\s*'?(\\w+)'?");

	private final String text;

	private final SqlSyntax syntax;

	private int pos;

	private int line = 1;

	private String delimiter = ";";

	private boolean backslashEscapes;

	private final String[] words = new String[WORDS];

	private int wordCount;

	private SqlSplitter(String text, SqlSyntax syntax) {
		this.text = text;
		this.syntax = syntax;
		this.backslashEscapes = syntax.has(Feature.BACKSLASH_ESCAPES);
	}

	/**
	 * Split the given script into statements.
	 * @param text the script
	 * @param syntax the lexical rules of the database
	 * @return the statements, without empty ones
	 * @throws ScriptProblem if a comment, string, quoted identifier or dollar-quoted body
	 * is not terminated, or a {@code DELIMITER} command has no delimiter
	 */
	static List<SqlStatement> split(String text, SqlSyntax syntax) {
		return new SqlSplitter(text, syntax).split();
	}

	private List<SqlStatement> split() {
		List<SqlStatement> statements = new ArrayList<>();
		while (skipBlanksAndComments()) {
			if (this.syntax.has(Feature.DELIMITER_COMMAND) && isDelimiterCommand()) {
				readDelimiterCommand();
			}
			else {
				SqlStatement statement = readStatement();
				if (statement != null) {
					statements.add(statement);
				}
			}
		}
		return statements;
	}

	/**
	 * Skip blanks and comments; return whether a significant character follows.
	 */
	private boolean skipBlanksAndComments() {
		while (this.pos < this.text.length()) {
			char ch = this.text.charAt(this.pos);
			if (Character.isWhitespace(ch)) {
				step();
			}
			else if (!skipComment(false)) {
				return true;
			}
		}
		return false;
	}

	private @Nullable SqlStatement readStatement() {
		int start = this.pos;
		int startLine = this.line;
		this.wordCount = 0;
		boolean routine = false;
		int blocks = 0;
		int parentheses = 0;
		String previousWord = "";
		int end = -1;
		while (this.pos < this.text.length()) {
			if (this.text.startsWith(this.delimiter, this.pos)
					&& (!this.delimiter.equals(";") || (blocks == 0 && parentheses == 0))) {
				end = this.pos;
				this.pos += this.delimiter.length();
				break;
			}
			char ch = this.text.charAt(this.pos);
			if (skipComment(true)) {
				continue;
			}
			String dollarQuote = (ch == '$' && this.syntax.has(Feature.DOLLAR_QUOTES)) ? dollarQuote() : null;
			if (ch == '\'') {
				skipQuoted('\'', this.backslashEscapes, "string");
			}
			else if (ch == '"') {
				boolean string = this.syntax.has(Feature.DOUBLE_QUOTED_STRINGS);
				skipQuoted('"', string && this.backslashEscapes, string ? "string" : "quoted identifier");
			}
			else if (ch == '`' && this.syntax.has(Feature.BACKTICKS)) {
				skipQuoted('`', false, "quoted identifier");
			}
			else if (ch == '[' && this.syntax.has(Feature.BRACKETS)) {
				skipBrackets();
			}
			else if (dollarQuote != null) {
				skipDollarQuoted(dollarQuote);
			}
			else if (ch == '(') {
				parentheses++;
				step();
			}
			else if (ch == ')') {
				parentheses = Math.max(0, parentheses - 1);
				step();
			}
			else if (isWordStart(ch)) {
				String word = readWord();
				if (isEscapeStringPrefix(word)) {
					skipQuoted('\'', true, "string");
					continue;
				}
				if (this.wordCount < WORDS) {
					String upper = word.toUpperCase(Locale.ROOT);
					this.words[this.wordCount] = upper;
					if (!routine && parentheses == 0 && this.wordCount > 0 && this.words[0].equals("CREATE")
							&& this.syntax.isRoutine(upper)) {
						routine = true;
					}
					else if (this.wordCount == 1 && this.syntax.has(Feature.BEGIN_NOT_ATOMIC)
							&& this.words[0].equals("BEGIN") && upper.equals("NOT")) {
						routine = true;
						blocks = 1;
					}
				}
				this.wordCount++;
				blocks = followBlocks(word, previousWord, routine, blocks);
				previousWord = word;
			}
			else {
				step();
			}
		}
		if (end < 0) {
			end = this.text.length();
		}
		while (end > start && Character.isWhitespace(this.text.charAt(end - 1))) {
			end--;
		}
		if (end == start) {
			return null;
		}
		String sql = this.text.substring(start, end);
		followSettings(sql);
		return new SqlStatement(sql, startLine, start, end, this.syntax.classify(this.words, this.wordCount, sql));
	}

	/**
	 * Follow {@code BEGIN ... END} blocks: in routine bodies, and in PostgreSQL's
	 * {@code BEGIN ATOMIC} bodies. {@code CASE} opens a block that {@code END} closes;
	 * {@code END IF}, {@code END LOOP} and the like close blocks that are not counted.
	 */
	private int followBlocks(String word, String previousWord, boolean routine, int blocks) {
		if (this.syntax.has(Feature.BEGIN_ATOMIC) && word.equalsIgnoreCase("ATOMIC")
				&& previousWord.equalsIgnoreCase("BEGIN")) {
			return blocks + 1;
		}
		if (routine && word.equalsIgnoreCase("BEGIN")) {
			return blocks + 1;
		}
		if (blocks > 0 && word.equalsIgnoreCase("CASE")) {
			return blocks + 1;
		}
		if (blocks > 0 && word.equalsIgnoreCase("END")) {
			String next = peekWord();
			if (next.equalsIgnoreCase("IF") || next.equalsIgnoreCase("LOOP") || next.equalsIgnoreCase("WHILE")
					|| next.equalsIgnoreCase("REPEAT") || next.equalsIgnoreCase("FOR")) {
				skipPeekedWord();
				return blocks;
			}
			if (next.equalsIgnoreCase("CASE")) {
				skipPeekedWord();
			}
			return blocks - 1;
		}
		return blocks;
	}

	/**
	 * Follow the settings that change how later statements are read: PostgreSQL's
	 * {@code standard_conforming_strings}.
	 */
	private void followSettings(String sql) {
		if (this.syntax.has(Feature.ESCAPE_STRINGS) && this.wordCount >= 2
				&& (this.words[0].equals("SET") || this.words[0].equals("RESET"))
				&& sql.regionMatches(true, 0, this.words[0], 0, this.words[0].length())) {
			if (this.words[0].equals("RESET")) {
				if (this.words[1].equals("ALL") || this.words[1].equals("STANDARD_CONFORMING_STRINGS")) {
					this.backslashEscapes = false;
				}
				return;
			}
			Matcher setting = STANDARD_CONFORMING_STRINGS.matcher(sql);
			if (setting.find()) {
				String value = setting.group(1).toLowerCase(Locale.ROOT);
				this.backslashEscapes = value.equals("off") || value.equals("false") || value.equals("0")
						|| value.equals("no");
			}
		}
	}

	/**
	 * Skip a comment at the current position, if there is one.
	 * @param inStatement whether a statement is being read, in which executable comments
	 * are skipped too; between statements they start one
	 * @return whether a comment was skipped
	 */
	private boolean skipComment(boolean inStatement) {
		char ch = this.text.charAt(this.pos);
		char next = (this.pos + 1 < this.text.length()) ? this.text.charAt(this.pos + 1) : 0;
		if (ch == '-' && next == '-' && (!this.syntax.has(Feature.DASH_DASH_COMMENTS_NEED_SPACE)
				|| this.pos + 2 >= this.text.length() || Character.isWhitespace(this.text.charAt(this.pos + 2)))) {
			skipLine();
			return true;
		}
		if ((ch == '#' && this.syntax.has(Feature.HASH_COMMENTS))
				|| (ch == '/' && next == '/' && this.syntax.has(Feature.SLASH_SLASH_COMMENTS))) {
			skipLine();
			return true;
		}
		if (ch == '/' && next == '*') {
			if (!inStatement && isExecutableComment()) {
				return false;
			}
			skipBlockComment();
			return true;
		}
		return false;
	}

	private boolean isExecutableComment() {
		return this.syntax.has(Feature.EXECUTABLE_COMMENTS)
				&& (this.text.startsWith("/*!", this.pos) || this.text.startsWith("/*M!", this.pos));
	}

	private void skipLine() {
		while (this.pos < this.text.length() && this.text.charAt(this.pos) != '\n'
				&& this.text.charAt(this.pos) != '\r') {
			this.pos++;
		}
	}

	private void skipBlockComment() {
		int startLine = this.line;
		boolean nested = this.syntax.has(Feature.NESTED_COMMENTS) && !isExecutableComment();
		int depth = 1;
		this.pos += 2;
		while (this.pos < this.text.length()) {
			if (this.text.startsWith("*/", this.pos)) {
				this.pos += 2;
				if (--depth == 0) {
					return;
				}
			}
			else if (nested && this.text.startsWith("/*", this.pos)) {
				this.pos += 2;
				depth++;
			}
			else {
				step();
			}
		}
		throw new ScriptProblem(startLine, "the comment that starts on line " + startLine + " is not closed (*/)");
	}

	private void skipQuoted(char quote, boolean backslashEscapes, String what) {
		int startLine = this.line;
		step();
		while (this.pos < this.text.length()) {
			char ch = this.text.charAt(this.pos);
			if (ch == '\\' && backslashEscapes && this.pos + 1 < this.text.length()) {
				step();
				step();
			}
			else if (ch == quote) {
				this.pos++;
				if (this.pos < this.text.length() && this.text.charAt(this.pos) == quote) {
					this.pos++;
				}
				else {
					return;
				}
			}
			else {
				step();
			}
		}
		throw new ScriptProblem(startLine,
				"the " + what + " that starts on line " + startLine + " is not closed (" + quote + ")");
	}

	private void skipBrackets() {
		int startLine = this.line;
		while (this.pos < this.text.length()) {
			char ch = this.text.charAt(this.pos);
			step();
			if (ch == ']') {
				return;
			}
		}
		throw new ScriptProblem(startLine,
				"the quoted identifier that starts on line " + startLine + " is not closed (])");
	}

	/**
	 * Return the dollar quote that starts at the current position ({@code $$} or
	 * {@code $tag$}), or {@code null} if none does, as for {@code $1}.
	 */
	private @Nullable String dollarQuote() {
		int i = this.pos + 1;
		if (this.syntax.has(Feature.DOLLAR_QUOTE_TAGS)) {
			if (i < this.text.length() && isWordStart(this.text.charAt(i))) {
				i++;
				while (i < this.text.length() && isTagPart(this.text.charAt(i))) {
					i++;
				}
			}
		}
		return (i < this.text.length() && this.text.charAt(i) == '$') ? this.text.substring(this.pos, i + 1) : null;
	}

	private void skipDollarQuoted(String quote) {
		int startLine = this.line;
		this.pos += quote.length();
		while (this.pos < this.text.length()) {
			if (this.text.startsWith(quote, this.pos)) {
				this.pos += quote.length();
				return;
			}
			step();
		}
		throw new ScriptProblem(startLine,
				"the dollar-quoted string that starts on line " + startLine + " is not closed (" + quote + ")");
	}

	private boolean isEscapeStringPrefix(String word) {
		return this.syntax.has(Feature.ESCAPE_STRINGS) && word.length() == 1
				&& (word.charAt(0) == 'E' || word.charAt(0) == 'e') && this.pos < this.text.length()
				&& this.text.charAt(this.pos) == '\'';
	}

	private boolean isDelimiterCommand() {
		int end = this.pos + "DELIMITER".length();
		return this.text.regionMatches(true, this.pos, "DELIMITER", 0, "DELIMITER".length())
				&& (end == this.text.length() || Character.isWhitespace(this.text.charAt(end)));
	}

	/**
	 * Read a {@code DELIMITER} command: the delimiter is what follows on the line, up to
	 * a blank.
	 */
	private void readDelimiterCommand() {
		this.pos += "DELIMITER".length();
		while (this.pos < this.text.length()
				&& (this.text.charAt(this.pos) == ' ' || this.text.charAt(this.pos) == '\t')) {
			this.pos++;
		}
		int start = this.pos;
		while (this.pos < this.text.length() && !Character.isWhitespace(this.text.charAt(this.pos))) {
			this.pos++;
		}
		if (start == this.pos) {
			throw new ScriptProblem(this.line, "the DELIMITER command on line " + this.line
					+ " has no delimiter; write, for example, DELIMITER // and later DELIMITER ;");
		}
		this.delimiter = this.text.substring(start, this.pos);
		skipLine();
	}

	private String readWord() {
		int start = this.pos;
		this.pos++;
		while (this.pos < this.text.length() && isWordPart(this.text.charAt(this.pos))
				&& !this.text.startsWith(this.delimiter, this.pos)) {
			this.pos++;
		}
		return this.text.substring(start, this.pos);
	}

	/**
	 * Return the word after the blanks at the current position, without moving, or an
	 * empty string.
	 */
	private String peekWord() {
		int i = this.pos;
		while (i < this.text.length() && Character.isWhitespace(this.text.charAt(i))) {
			i++;
		}
		int start = i;
		while (i < this.text.length() && isWordPart(this.text.charAt(i))) {
			i++;
		}
		if (start == i || !isWordStart(this.text.charAt(start))) {
			return "";
		}
		return this.text.substring(start, i);
	}

	private void skipPeekedWord() {
		while (Character.isWhitespace(this.text.charAt(this.pos))) {
			step();
		}
		readWord();
	}

	private void step() {
		char ch = this.text.charAt(this.pos++);
		if (ch == '\n' || (ch == '\r' && (this.pos >= this.text.length() || this.text.charAt(this.pos) != '\n'))) {
			this.line++;
		}
	}

	private static boolean isWordStart(char ch) {
		return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_'
				|| (ch > 127 && Character.isLetter(ch));
	}

	private static boolean isWordPart(char ch) {
		return isWordStart(ch) || (ch >= '0' && ch <= '9') || ch == '$' || (ch > 127 && Character.isLetterOrDigit(ch));
	}

	private static boolean isTagPart(char ch) {
		return isWordStart(ch) || (ch >= '0' && ch <= '9');
	}

}
