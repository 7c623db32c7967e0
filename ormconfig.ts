/** The TypeORM CLI's data source: `npx typeorm-ts-node-commonjs migration:show -d ormconfig.ts`. */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppConfig } from './src/config/app.config';
import { databaseOptions } from './src/config/database.options';
import { validateConfig } from './src/config/validate-config';

export default new DataSource(databaseOptions(validateConfig(AppConfig, process.env)));
