import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Me } from '../auth/auth';

/** One page of the app: where it lives, whether the menu shows it, and who may open it. */
export interface PageDef {
  path: string;
  /** Menu label; pages without one are reachable by link only (detail pages). */
  label?: string;
  icon?: ReactNode;
  /** Menu group label. */
  group?: string;
  element: LazyExoticComponent<ComponentType> | ComponentType;
  visible(me: Me): boolean;
  /** Shown on its own, without the menu and header: a page made to be printed. */
  bare?: boolean;
}

export const hasPermission = (permission: string) => (me: Me) => Boolean(me.permissions[permission]);
export const always = () => true;
