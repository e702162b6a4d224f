import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** numeric comes back from pg as text; money is exact to the cent, so a JS number round-trips it safely. */
const money = { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity({ name: 'products' })
export class ProductEntity {
  @PrimaryGeneratedColumn('identity', { generatedIdentity: 'ALWAYS' }) id!: number;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ name: 'name_search', type: 'text' }) nameSearch!: string;
  @Column({ type: 'varchar', length: 200 }) slug!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ type: 'numeric', precision: 12, scale: 2, transformer: money }) price!: number;
  @Column({ type: 'integer' }) stock!: number;
  @Column({ name: 'is_active', type: 'boolean' }) isActive!: boolean;
  @Column({ type: 'jsonb', nullable: true }) metadata!: Record<string, unknown> | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
