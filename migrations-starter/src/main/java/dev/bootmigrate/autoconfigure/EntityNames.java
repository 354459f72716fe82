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
package dev.bootmigrate.autoconfigure;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

import org.hibernate.boot.Metadata;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.id.enhanced.SequenceStyleGenerator;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.Column;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.Join;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Table;
import org.hibernate.mapping.Value;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Which entity and field map each table, column and sequence of Hibernate's model, so
 * that a difference names them.
 *
 * @author the bootmigrate authors
 */
final class EntityNames {

	private final Map<Table, String> tables = new IdentityHashMap<>();

	private final Map<Table, Map<String, Owner>> columns = new IdentityHashMap<>();

	private final Map<String, String> sequences = new HashMap<>();

	EntityNames(Metadata metadata, SessionFactoryImplementor sessionFactory) {
		for (PersistentClass entity : metadata.getEntityBindings()) {
			String name = entity.getJpaEntityName();
			this.tables.putIfAbsent(entity.getTable(), name);
			if (entity.getIdentifierProperty() != null) {
				index(name, entity.getIdentifierProperty(), "");
			}
			entity.getProperties().forEach((property) -> index(name, property, ""));
			for (Join join : entity.getJoins()) {
				this.tables.putIfAbsent(join.getTable(), name);
				join.getProperties().forEach((property) -> index(name, property, ""));
			}
		}
		for (Collection collection : metadata.getCollectionBindings()) {
			PersistentClass owner = collection.getOwner();
			String entity = owner.getJpaEntityName();
			String field = collection.getRole().substring(owner.getEntityName().length() + 1);
			Table table = collection.getCollectionTable();
			this.tables.putIfAbsent(table, entity + "." + field);
			add(table, collection.getKey(), entity, field);
			add(table, collection.getElement(), entity, field);
		}
		sessionFactory.getMappingMetamodel().forEachEntityDescriptor((persister) -> {
			if (persister.getGenerator() instanceof SequenceStyleGenerator generator) {
				this.sequences.putIfAbsent(generator.getDatabaseStructure()
					.getPhysicalName()
					.getObjectName()
					.getText()
					.toLowerCase(Locale.ROOT), StringUtils.unqualify(persister.getEntityName()));
			}
		});
	}

	private void index(String entity, Property property, String prefix) {
		Value value = property.getValue();
		if (value instanceof Component component) {
			component.getProperties().forEach((part) -> index(entity, part, prefix + property.getName() + "."));
		}
		else if (!(value instanceof Collection)) {
			add(value.getTable(), value, entity, prefix + property.getName());
		}
	}

	private void add(Table table, Value value, String entity, String field) {
		Map<String, Owner> owners = this.columns.computeIfAbsent(table, (key) -> new HashMap<>());
		for (Column column : value.getColumns()) {
			owners.putIfAbsent(key(column), new Owner(entity, field));
		}
	}

	/**
	 * Return the entity whose table this is.
	 */
	@Nullable String entity(Table table) {
		return this.tables.get(table);
	}

	/**
	 * Return the entity that maps the column, or the table's when no field does.
	 */
	@Nullable String entity(Table table, Column column) {
		Owner owner = owner(table, column);
		return (owner != null) ? owner.entity() : entity(table);
	}

	/**
	 * Return the field that maps the column, if one does.
	 */
	@Nullable String field(Table table, Column column) {
		Owner owner = owner(table, column);
		return (owner != null) ? owner.field() : null;
	}

	/**
	 * Return the entity whose generated ids use the sequence, if any.
	 */
	@Nullable String sequenceUser(String sequence) {
		return this.sequences.get(sequence.toLowerCase(Locale.ROOT));
	}

	private @Nullable Owner owner(Table table, Column column) {
		Map<String, Owner> owners = this.columns.get(table);
		return (owners != null) ? owners.get(key(column)) : null;
	}

	private static String key(Column column) {
		return column.getName().toLowerCase(Locale.ROOT);
	}

	private record Owner(String entity, String field) {

	}

}
