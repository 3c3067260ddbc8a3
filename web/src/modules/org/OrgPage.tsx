import { useState, type ReactNode } from 'react';
import { App, Button, Card, Form, Input, InputNumber, List, Modal, Select, Switch, Table, Tabs, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  COMMITTEE_POSITION_LABELS,
  DEPARTMENT_KIND_LABELS,
  GENDER_LABELS,
  UNIT_KIND_LABELS,
  type CommitteePosition,
  type Gender,
  type OrgKind,
} from '@xieshang/shared';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { download, options, useOrgList, type OrgRecord } from './orgApi';

type FieldType =
  'text' | 'number' | 'date' | 'switch' | 'aliases' | { select: Record<string, string> } | { ref: OrgKind; multiple?: boolean };
interface Field {
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
}

interface TabDef {
  kind: OrgKind;
  label: string;
  fields: Field[];
  /** What the list shows under each name. */
  describe(r: OrgRecord): ReactNode;
}

const list = (v: unknown) => ((v as string[] | undefined) ?? []).join('、');

const TABS: TabDef[] = [
  {
    kind: 'committees',
    label: '专委会',
    fields: [
      { name: 'name', label: '名称', type: 'text', required: true },
      { name: 'shortName', label: '简称', type: 'text' },
      { name: 'aliases', label: '别名（另一种叫法）', type: 'aliases' },
      { name: 'sortOrder', label: '排序号', type: 'number' },
    ],
    describe: (r) =>
      [
        r.shortName && `简称：${String(r.shortName)}`,
        list(r.aliases) && `别名：${list(r.aliases)}`,
        `委员 ${String(r.memberCount ?? 0)} 名`,
      ]
        .filter(Boolean)
        .join('；'),
  },
  {
    kind: 'departments',
    label: '机关部门',
    fields: [
      { name: 'name', label: '名称', type: 'text', required: true },
      { name: 'kind', label: '类型', type: { select: DEPARTMENT_KIND_LABELS }, required: true },
      { name: 'aliases', label: '别名', type: 'aliases' },
      { name: 'sortOrder', label: '排序号', type: 'number' },
    ],
    describe: (r) =>
      [DEPARTMENT_KIND_LABELS[r.kind as keyof typeof DEPARTMENT_KIND_LABELS], list(r.aliases) && `别名：${list(r.aliases)}`]
        .filter(Boolean)
        .join('；'),
  },
  {
    kind: 'departmentGroups',
    label: '部门组',
    fields: [
      { name: 'name', label: '名称（如 各专委会分党组）', type: 'text', required: true },
      { name: 'departmentIds', label: '包含的部门', type: { ref: 'departments', multiple: true }, required: true },
      { name: 'aliases', label: '别名', type: 'aliases' },
    ],
    describe: (r) => list(r.departmentNames),
  },
  {
    kind: 'sectors',
    label: '界别',
    fields: [
      { name: 'name', label: '名称', type: 'text', required: true },
      { name: 'sortOrder', label: '排序号', type: 'number' },
    ],
    describe: () => '',
  },
  {
    kind: 'parties',
    label: '党派团体',
    fields: [
      { name: 'name', label: '名称', type: 'text', required: true },
      { name: 'sortOrder', label: '排序号', type: 'number' },
    ],
    describe: () => '',
  },
  {
    kind: 'streetGroups',
    label: '街道活动小组',
    fields: [
      { name: 'name', label: '名称', type: 'text', required: true },
      { name: 'street', label: '所在街道', type: 'text' },
      { name: 'sortOrder', label: '排序号', type: 'number' },
    ],
    describe: (r) => String(r.street ?? ''),
  },
  {
    kind: 'studios',
    label: '委员工作室',
    fields: [
      { name: 'name', label: '名称', type: 'text', required: true },
      { name: 'streetGroupId', label: '街道活动小组', type: { ref: 'streetGroups' } },
      { name: 'address', label: '地址', type: 'text' },
    ],
    describe: (r) => String(r.address ?? ''),
  },
  {
    kind: 'units',
    label: '承办单位',
    fields: [
      { name: 'name', label: '名称', type: 'text', required: true },
      { name: 'kind', label: '类型', type: { select: UNIT_KIND_LABELS }, required: true },
      { name: 'aliases', label: '别名', type: 'aliases' },
      { name: 'contactName', label: '联系人', type: 'text' },
      { name: 'contactPhone', label: '联系电话', type: 'text' },
      { name: 'contactEmail', label: '联系邮箱', type: 'text' },
      { name: 'address', label: '地址', type: 'text' },
      { name: 'sortOrder', label: '排序号', type: 'number' },
    ],
    describe: (r) =>
      [
        UNIT_KIND_LABELS[r.kind as keyof typeof UNIT_KIND_LABELS],
        r.contactName && `联系人：${String(r.contactName)} ${String(r.contactPhone ?? '')}`,
      ]
        .filter(Boolean)
        .join('；'),
  },
  {
    kind: 'terms',
    label: '届次',
    fields: [
      { name: 'name', label: '名称（如 第十四届）', type: 'text', required: true },
      { name: 'number', label: '序号', type: 'number', required: true },
      { name: 'startDate', label: '开始日期', type: 'date', required: true },
      { name: 'endDate', label: '结束日期', type: 'date' },
      { name: 'isCurrent', label: '本届', type: 'switch' },
    ],
    describe: (r) => `${String(r.startDate)} 起${r.endDate ? ` 至 ${String(r.endDate)}` : ''}${r.isCurrent ? '（本届）' : ''}`,
  },
  {
    kind: 'plenaries',
    label: '全体会议',
    fields: [
      { name: 'termId', label: '届次', type: { ref: 'terms' }, required: true },
      { name: 'number', label: '会次', type: 'number', required: true },
      { name: 'name', label: '名称', type: 'text', required: true },
      { name: 'startDate', label: '开始日期', type: 'date', required: true },
      { name: 'endDate', label: '结束日期', type: 'date' },
    ],
    describe: (r) => `${String(r.startDate)}${r.endDate ? ` 至 ${String(r.endDate)}` : ''}`,
  },
];

/** 组织机构: one tab per kind of record, each with list, create, edit, delete and export. */
export default function OrgPage() {
  const [tab, setTab] = useState<OrgKind>('committees');
  return (
    <Card title="组织机构">
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as OrgKind)}
        items={TABS.map((t) => ({ key: t.kind, label: t.label, children: tab === t.kind ? <OrgTab def={t} /> : null }))}
      />
    </Card>
  );
}

function OrgTab({ def }: { def: TabDef }) {
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const rows = useOrgList(def.kind);
  const [editing, setEditing] = useState<OrgRecord | 'new' | null>(null);
  const [roster, setRoster] = useState<OrgRecord | null>(null);
  const manage = can('org.manage');
  const remove = useMutation({
    mutationFn: (r: OrgRecord) => api.delete(`/api/v1/org/${def.kind}/${r.id}`),
    onSuccess: () => {
      message.success('已删除');
      void client.invalidateQueries({ queryKey: ['org'] });
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <>
      <div className="xs-toolbar">
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增{def.label}
          </Button>
        )}
        {can('member.export') && (
          <Button icon={<DownloadOutlined />} onClick={() => download(`/api/v1/org/${def.kind}/export`)}>
            导出
          </Button>
        )}
      </div>
      <List
        loading={rows.isLoading}
        dataSource={rows.data?.items ?? []}
        locale={{ emptyText: `暂无${def.label}` }}
        pagination={(rows.data?.items.length ?? 0) > 30 ? { pageSize: 30, size: 'small' } : false}
        renderItem={(r) => (
          <List.Item
            actions={[
              ...(def.kind === 'committees'
                ? [
                    <a key="members" onClick={() => setRoster(r)}>
                      组成人员
                    </a>,
                  ]
                : []),
              ...(manage
                ? [
                    <a key="edit" onClick={() => setEditing(r)}>
                      编辑
                    </a>,
                    <a
                      key="delete"
                      style={{ color: '#cf1322' }}
                      onClick={() =>
                        modal.confirm({
                          title: `删除${def.label}「${r.name}」？`,
                          okText: '删除',
                          cancelText: '取消',
                          onOk: () => remove.mutateAsync(r),
                        })
                      }
                    >
                      删除
                    </a>,
                  ]
                : []),
            ]}
          >
            <List.Item.Meta title={r.name} description={def.describe(r) || undefined} />
          </List.Item>
        )}
      />
      {editing && <OrgForm def={def} record={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {roster && <CommitteeRoster committee={roster} onClose={() => setRoster(null)} />}
    </>
  );
}

function RefSelect({
  kind,
  multiple,
  ...rest
}: {
  kind: OrgKind;
  multiple?: boolean;
  value?: unknown;
  onChange?: (v: unknown) => void;
  id?: string;
}) {
  const items = useOrgList(kind);
  return (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      mode={multiple ? 'multiple' : undefined}
      options={options(items.data?.items)}
      {...rest}
    />
  );
}

function OrgForm({ def, record, onClose }: { def: TabDef; record: OrgRecord | null; onClose(): void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (values: Record<string, unknown>) => {
      const body: Record<string, unknown> = {};
      for (const f of def.fields) {
        let v = values[f.name];
        if (f.type === 'aliases')
          v = String(v ?? '')
            .split(/[、,，\s]+/)
            .filter(Boolean);
        else if (f.type === 'switch') v = Boolean(v);
        else if (v === undefined || v === '') v = f.required ? undefined : null;
        if (v !== undefined) body[f.name] = v;
      }
      return record ? api.patch(`/api/v1/org/${def.kind}/${record.id}`, body) : api.post(`/api/v1/org/${def.kind}`, body);
    },
    onSuccess: () => {
      message.success('已保存');
      void client.invalidateQueries({ queryKey: ['org'] });
      onClose();
    },
    onError: (e) => message.error(e.message),
  });
  const initial = record
    ? Object.fromEntries(
        def.fields.map((f) => [
          f.name,
          f.type === 'aliases' ? list(record[f.name]) : f.type === 'switch' ? Boolean(record[f.name]) : record[f.name],
        ]),
      )
    : { kind: def.kind === 'units' ? 'government' : def.kind === 'departments' ? 'office' : undefined };
  return (
    <Modal
      open
      title={`${record ? '编辑' : '新增'}${def.label}`}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        {def.fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.label}
            valuePropName={f.type === 'switch' ? 'checked' : 'value'}
            rules={[
              ...(f.required ? [{ required: true, message: `请填写${f.label}` }] : []),
              ...(f.type === 'date' ? [{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: '格式为 2020-01-31' }] : []),
            ]}
          >
            {f.type === 'text' || f.type === 'date' ? (
              <Input placeholder={f.type === 'date' ? '2020-01-31' : undefined} />
            ) : f.type === 'number' ? (
              <InputNumber min={0} style={{ width: '100%' }} />
            ) : f.type === 'switch' ? (
              <Switch />
            ) : f.type === 'aliases' ? (
              <Input placeholder="多个用顿号分隔" />
            ) : 'select' in f.type ? (
              <Select options={Object.entries(f.type.select).map(([value, label]) => ({ value, label }))} />
            ) : (
              <RefSelect kind={f.type.ref} multiple={f.type.multiple} />
            )}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

interface RosterRow {
  id: string;
  name: string;
  gender: Gender;
  position: CommitteePosition;
  sectorName: string | null;
  employer: string | null;
  jobTitle: string | null;
}

function CommitteeRoster({ committee, onClose }: { committee: OrgRecord; onClose(): void }) {
  const roster = useQuery({
    queryKey: ['org', 'committee-members', committee.id],
    queryFn: () => api.get<{ items: RosterRow[] }>(`/api/v1/org/committees/${committee.id}/members`),
  });
  const order: CommitteePosition[] = ['director', 'deputy_director', 'member'];
  const items = [...(roster.data?.items ?? [])].sort((a, b) => order.indexOf(a.position) - order.indexOf(b.position));
  return (
    <Modal open width={720} title={`${committee.name}组成人员`} footer={null} onCancel={onClose}>
      <Table<RosterRow>
        size="small"
        rowKey="id"
        loading={roster.isLoading}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: '职务',
            dataIndex: 'position',
            render: (p: CommitteePosition) => <Tag color={p === 'member' ? undefined : 'red'}>{COMMITTEE_POSITION_LABELS[p]}</Tag>,
          },
          { title: '姓名', dataIndex: 'name' },
          { title: '性别', dataIndex: 'gender', render: (g: Gender) => GENDER_LABELS[g] },
          { title: '界别', dataIndex: 'sectorName' },
          { title: '工作单位及职务', key: 'employer', render: (_, r) => [r.employer, r.jobTitle].filter(Boolean).join(' ') },
        ]}
      />
    </Modal>
  );
}
