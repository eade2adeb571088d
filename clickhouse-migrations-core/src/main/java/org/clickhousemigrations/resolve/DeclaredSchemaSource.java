package org.clickhousemigrations.resolve;

import java.util.List;

import org.clickhousemigrations.diff.ColumnRename;

/** The declared schema of each module; {@link DeclaredSchemaReader} reads it from files and classes. */
@FunctionalInterface
public interface DeclaredSchemaSource {

	/** The statements that create the objects the module declares, in order. */
	List<DeclaredStatement> of(String module);

	/**
	 * A statement of a schema declaration and where it is declared.
	 *
	 * @param file the file, or the class
	 * @param statement the statement, with the settings of the file's {@code SET} statements
	 * @param renames the columns it declares renamed
	 */
	record DeclaredStatement(String file, SqlScript.Statement statement, List<ColumnRename> renames) {

		public DeclaredStatement {
			renames = List.copyOf(renames);
		}

	}

}
