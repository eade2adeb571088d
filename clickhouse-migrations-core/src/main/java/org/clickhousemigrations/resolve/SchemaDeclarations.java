package org.clickhousemigrations.resolve;

import java.util.List;

import org.clickhousemigrations.resolve.MigrationResolver.DeclaredStatement;

/** The declared schema of each module; {@link MigrationResolver#declaredSchema} reads it from files. */
@FunctionalInterface
public interface SchemaDeclarations {

	/** None: no module declares its schema. */
	SchemaDeclarations NONE = (module) -> List.of();

	List<DeclaredStatement> of(String module);

}
