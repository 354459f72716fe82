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
package dev.bootmigrate.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names a history table or its schema cannot have because the starter does not quote
 * them: the words that SQL or one of the databases it runs on reserve, and PostgreSQL's
 * system schemas.
 *
 * @author the bootmigrate authors
 */
final class ReservedNames {

	private static final List<Source> SOURCES = List.of(
			// The reserved words of the standard, ISO/IEC 9075:2016, with those of
			// SQL/MED and SQL/XML
			new Source("SQL:2016", """
					abs acos all allocate alter and any are array array_agg array_max_cardinality as asensitive asin
					asymmetric at atan atomic authorization avg begin begin_frame begin_partition between bigint
					binary blob boolean both by call called cardinality cascaded case cast ceil ceiling char
					char_length character character_length check classifier clob close coalesce collate collect
					column commit condition connect constraint contains convert copy corr corresponding cos cosh
					count covar_pop covar_samp create cross cube cume_dist current current_catalog current_date
					current_default_transform_group current_path current_role current_row current_schema
					current_time current_timestamp current_transform_group_for_type current_user cursor cycle
					datalink date day deallocate dec decfloat decimal declare default define delete dense_rank deref
					describe deterministic disconnect distinct dlnewcopy dlpreviouscopy dlurlcomplete
					dlurlcompleteonly dlurlcompletewrite dlurlpath dlurlpathonly dlurlpathwrite dlurlscheme
					dlurlserver dlvalue double drop dynamic each element else empty end end_frame end_partition
					equals escape every except exec execute exists exp external extract false fetch filter
					first_value float floor for foreign frame_row free from full function fusion get global grant
					group grouping groups having hold hour identity in indicator initial inner inout insensitive
					insert int integer intersect intersection interval into is join json_array json_arrayagg
					json_exists json_object json_objectagg json_query json_table json_table_primitive json_value lag
					language large last_value lateral lead leading left like like_regex listagg ln local localtime
					localtimestamp log log10 lower match match_number match_recognize matches max measures member
					merge method min minute mod modifies module month multiset national natural nchar nclob new no
					none normalize not nth_value ntile null nullif numeric occurrences_regex octet_length of offset
					old omit on one only open or order out outer over overlaps overlay parameter partition pattern
					per percent percent_rank percentile_cont percentile_disc period permute portion position
					position_regex power precedes precision prepare primary procedure ptf range rank reads real
					recursive ref references referencing regr_avgx regr_avgy regr_count regr_intercept regr_r2
					regr_slope regr_sxx regr_sxy regr_syy release result return returns revoke right rollback rollup
					row row_number rows running savepoint scope scroll search second seek select sensitive
					session_user set show similar sin sinh skip smallint some specific specifictype sql sqlexception
					sqlstate sqlwarning sqrt start static stddev_pop stddev_samp submultiset subset substring
					substring_regex succeeds sum symmetric system system_time system_user table tablesample tan tanh
					then time timestamp timezone_hour timezone_minute to trailing translate translate_regex
					translation treat trigger trim trim_array true truncate uescape union unique unknown unnest
					update upper user using value value_of values var_pop var_samp varbinary varchar varying
					versioning when whenever where width_bucket window with within without xml xmlagg xmlattributes
					xmlbinary xmlcast xmlcomment xmlconcat xmldocument xmlelement xmlexists xmlforest xmliterate
					xmlnamespaces xmlparse xmlpi xmlquery xmlserialize xmltable xmltext xmlvalidate year
						"""),
			// The reserved and type or function name key words (pg_get_keywords()
			// categories R and T) of PostgreSQL 15, and SYSTEM_USER of 16
			new Source("PostgreSQL", """
					all analyse analyze and any array as asc asymmetric authorization binary both case cast check
					collate collation column concurrently constraint create cross current_catalog current_date
					current_role current_schema current_time current_timestamp current_user default deferrable desc
					distinct do else end except false fetch for foreign freeze from full grant group having ilike in
					initially inner intersect into is isnull join lateral leading left like limit localtime
					localtimestamp natural not notnull null offset on only or order outer overlaps placing primary
					references returning right select session_user similar some symmetric system_user table
					tablesample then to trailing true union unique user using variadic verbose when where window
					with
						"""),
			// The reserved words of MySQL 8.4 and 9, marked (R) in its manual
			new Source("MySQL", """
					accessible add all alter analyze and array as asc asensitive auto_increment before between
					bigint binary blob both by call cascade case change char character check collate column
					condition constraint continue convert create cross cube cume_dist current_date current_time
					current_timestamp current_user cursor database databases day_hour day_microsecond day_minute
					day_second dec decimal declare default delayed delete dense_rank desc describe deterministic
					distinct distinctrow div double drop dual each else elseif empty enclosed escaped except exists
					exit explain external false fetch first_value float float4 float8 for force foreign from
					fulltext function generated get grant group grouping groups having high_priority
					hour_microsecond hour_minute hour_second if ignore in index infile inner inout insensitive
					insert int int1 int2 int3 int4 int8 integer intersect interval into io_after_gtids
					io_before_gtids is iterate join json_table key keys kill lag last_value lateral lead leading
					leave left library like limit linear lines load localtime localtimestamp lock long longblob
					longtext loop low_priority manual master_bind master_ssl_verify_server_cert match maxvalue
					mediumblob mediumint mediumtext member middleint minute_microsecond minute_second mod modifies
					natural no_write_to_binlog not nth_value ntile null numeric of on optimize optimizer_costs
					option optionally or order out outer outfile over parallel partition percent_rank precision
					primary procedure purge qualify range rank read read_write reads real recursive references
					regexp release rename repeat replace require resignal restrict return revoke right rlike row
					row_number rows schema schemas second_microsecond select sensitive separator set sets show
					signal smallint spatial specific sql sql_big_result sql_calc_found_rows sql_small_result
					sqlexception sqlstate sqlwarning ssl starting stored straight_join system table tablesample
					terminated then tinyblob tinyint tinytext to trailing trigger true undo union unique unlock
					unsigned update usage use using utc_date utc_time utc_timestamp values varbinary varchar
					varcharacter varying virtual when where while window with write xor year_month zerofill
						"""),
			// The reserved words of MariaDB 11
			new Source("MariaDB", """
					accessible add all alter analyze and as asc asensitive before between bigint binary blob both by
					call cascade case change char character check collate column condition constraint continue
					convert create cross current_date current_role current_time current_timestamp current_user
					cursor database databases day_hour day_microsecond day_minute day_second dec decimal declare
					default delayed delete delete_domain_id desc describe deterministic distinct distinctrow div
					do_domain_ids double drop dual each else elseif enclosed escaped except exists exit explain
					false fetch float float4 float8 for force foreign from fulltext general grant group having
					high_priority hour_microsecond hour_minute hour_second if ignore ignore_domain_ids
					ignore_server_ids in index infile inner inout insensitive insert int int1 int2 int3 int4 int8
					integer intersect interval into is iterate join key keys kill leading leave left like limit
					linear lines load localtime localtimestamp lock long longblob longtext loop low_priority
					master_heartbeat_period master_ssl_verify_server_cert match maxvalue mediumblob mediumint
					mediumtext middleint minute_microsecond minute_second mod modifies natural no_write_to_binlog
					not null numeric offset on optimize option optionally or order out outer outfile over
					page_checksum parse_vcol_expr partition position precision primary procedure purge range read
					read_write reads real recursive ref_system_id references regexp release rename repeat replace
					require resignal restrict return returning revoke right rlike row_number rows schema schemas
					second_microsecond select sensitive separator set show signal slow smallint spatial specific sql
					sql_big_result sql_calc_found_rows sql_small_result sqlexception sqlstate sqlwarning ssl
					starting stats_auto_recalc stats_persistent stats_sample_pages straight_join table terminated
					then tinyblob tinyint tinytext to trailing trigger true undo union unique unlock unsigned update
					usage use using utc_date utc_time utc_timestamp values varbinary varchar varcharacter varying
					when where while window with write xor year_month zerofill
						"""),
			// The key words of H2 2.x
			new Source("H2", """
					_rowid_ all and any array as asymmetric authorization between both case cast check constraint
					cross current_catalog current_date current_path current_role current_schema current_time
					current_timestamp current_user day default distinct else end except exists false fetch for
					foreign from full group groups having hour if ilike in inner intersect interval is join key
					leading left like limit localtime localtimestamp minus minute month natural not null offset on
					or order over partition primary qualify range regexp right row rownum rows second select
					session_user set some symmetric system_user table to top trailing true uescape union unique
					unknown user using value values when where window with year
						"""),
			// The key words that SQLite 3 refuses as an unquoted table name
			new Source("SQLite", """
					add all alter and as autoincrement between case check collate commit constraint create default
					deferrable delete distinct drop else escape except exists foreign from group having if in index
					insert intersect into is isnull join limit not nothing notnull null on or order primary
					references returning select set table then to transaction union unique update using values when
					where
						"""));

	private ReservedNames() {
	}

	/**
	 * Return the standard and the databases that reserve the given word, in any case.
	 * @param name the name
	 * @return the standard and databases, empty if none reserves it
	 */
	static List<String> reservedBy(String name) {
		String word = name.toLowerCase(Locale.ROOT);
		List<String> reservedBy = new ArrayList<>(0);
		for (Source source : SOURCES) {
			if (source.words().contains(word)) {
				reservedBy.add(source.name());
			}
		}
		return reservedBy;
	}

	/**
	 * Return whether the given name, in any case, is a schema of PostgreSQL's own
	 * ({@code pg_catalog}, {@code pg_toast}, {@code pg_temp}, a session's
	 * {@code pg_temp_N} or {@code pg_toast_temp_N}) or the standard's
	 * {@code information_schema}.
	 * @param name the name
	 * @return whether it is a system schema
	 */
	static boolean isSystemSchema(String name) {
		String schema = name.toLowerCase(Locale.ROOT);
		return schema.equals("information_schema") || schema.equals("pg_catalog") || schema.equals("pg_toast")
				|| schema.equals("pg_temp") || schema.matches("pg_(toast_)?temp_[0-9]+");
	}

	/**
	 * A standard or a database and the words it reserves.
	 */
	private record Source(String name, Set<String> words) {

		Source(String name, String words) {
			this(name, Set.of(words.strip().split("\\s+")));
		}

	}

}
