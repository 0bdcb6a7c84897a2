export type Provider = 'sqlite' | 'postgresql';
export declare const prismaDir: string;
export declare const providers: readonly Provider[];
export declare function migrationsDir(provider: Provider): string;
export declare function schemaFor(provider: Provider, clientOutput?: string): string;
